using System.ComponentModel.DataAnnotations;

namespace Drape.Server.Configuration;

/// <summary><c>Drape:DataDir</c>: root of the SQLite file, local blobs and generated keys.</summary>
public sealed class DrapeOptions
{
    public const string Section = "Drape";

    [Required]
    public string DataDir { get; set; } = "./data";

    public string DataDirFullPath => Path.GetFullPath(DataDir);

    public string KeysDir => Path.Combine(DataDirFullPath, "keys");
}
