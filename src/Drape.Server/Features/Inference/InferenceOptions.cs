using System.ComponentModel.DataAnnotations;

namespace Drape.Server.Features.Inference;

/// <summary><c>Drape:Inference</c>: the inference role (<c>drape serve --role inference</c>).</summary>
public sealed class InferenceOptions
{
    public const string Section = "Drape:Inference";

    /// <summary>The largest inference request body; a 1024×768 image is 2.4 MB as binary data, about 4 times that as JSON.</summary>
    [Range(1024, 1L << 30)]
    public long MaxRequestBytes { get; set; } = 64L * 1024 * 1024;
}
