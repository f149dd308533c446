namespace Drape.Server.Uploads;

/// <summary>One file part of a multipart request, read into memory within the size limit.</summary>
/// <param name="FileName">Sanitised (<see cref="FileNames.Sanitize"/>): safe to log, never used as a storage key.</param>
public sealed record UploadedFile(string Field, string FileName, string? ContentType, byte[] Data);
