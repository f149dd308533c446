using Drape.Server.Configuration;
using Drape.Server.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Drape.Server.Tests.Platform;

public sealed class FileUrlSignerTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("drape-keys-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-23T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    private FileUrlSigner Signer(string? key = null) => new(
        Options.Create(new FileUrlOptions { SigningKey = key, UrlLifetimeMinutes = 10 }),
        Options.Create(new DrapeOptions { DataDir = _dataDir }),
        _time,
        new LocalBlobStore(Path.Combine(_dataDir, "blobs")));

    private static (long Exp, string Sig) Parse(string url)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + url).Query);
        return (long.Parse(query["exp"]!, System.Globalization.CultureInfo.InvariantCulture), query["sig"]!);
    }

    [Fact]
    public void A_signed_url_is_valid_until_it_expires()
    {
        var signer = Signer();
        var url = signer.SignPath("results/abc.png");
        Assert.StartsWith("/files/results/abc.png?exp=", url, StringComparison.Ordinal);
        var (exp, sig) = Parse(url);
        Assert.True(signer.IsValid("results/abc.png", exp, sig));

        _time.Advance(TimeSpan.FromMinutes(11));
        Assert.False(signer.IsValid("results/abc.png", exp, sig));
    }

    [Fact]
    public void Another_key_a_changed_expiry_or_a_tampered_signature_is_refused()
    {
        var signer = Signer();
        var (exp, sig) = Parse(signer.SignPath("results/abc.png"));
        Assert.False(signer.IsValid("results/other.png", exp, sig));
        Assert.False(signer.IsValid("results/abc.png", exp + 3600, sig));
        Assert.False(signer.IsValid("results/abc.png", exp, sig[..^2] + "AA"));
        Assert.False(signer.IsValid("results/abc.png", exp, null));
    }

    [Fact]
    public void The_generated_key_is_persisted_so_every_process_agrees()
    {
        var url = Signer().SignPath("results/abc.png");
        var (exp, sig) = Parse(url);
        Assert.True(Signer().IsValid("results/abc.png", exp, sig)); // a second signer reads the same key file
        Assert.True(File.Exists(Path.Combine(_dataDir, "keys", "files-signing.key")));
    }

    [Fact]
    public void A_configured_key_is_used_instead_of_a_generated_one()
    {
        var (exp, sig) = Parse(Signer("configured-secret-of-enough-length-0123456789").SignPath("results/abc.png"));
        Assert.False(Signer().IsValid("results/abc.png", exp, sig));
        Assert.True(Signer("configured-secret-of-enough-length-0123456789").IsValid("results/abc.png", exp, sig));
    }
}
