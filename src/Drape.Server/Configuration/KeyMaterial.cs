using System.Security.Cryptography;

namespace Drape.Server.Configuration;

/// <summary>
/// Secrets that a self-hoster need not configure: taken from configuration when given, otherwise generated once
/// and persisted under <c>&lt;DataDir&gt;/keys</c> (mode 600) so every process on the same data folder agrees.
/// </summary>
public static class KeyMaterial
{
    public static byte[] GetOrCreate(string? configured, string keysDir, string name)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return DecodeConfigured(configured);
        }

        Directory.CreateDirectory(keysDir);
        var path = Path.Combine(keysDir, name + ".key");
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        var key = RandomNumberGenerator.GetBytes(32);
        var temp = path + "." + Guid.NewGuid().ToString("N");
        File.WriteAllText(temp, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            // Two processes starting together: the first rename wins and both read the winner's key.
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException)
        {
            File.Delete(temp);
        }

        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }

    private static byte[] DecodeConfigured(string value)
    {
        try
        {
            var bytes = Convert.FromBase64String(value);
            if (bytes.Length >= 32)
            {
                return bytes;
            }
        }
        catch (FormatException)
        {
        }

        // Not base64 (or short): use the text itself, stretched to 32 bytes.
        return SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value));
    }
}
