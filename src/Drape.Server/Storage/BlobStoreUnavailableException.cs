namespace Drape.Server.Storage;

/// <summary>
/// The blob store could not be reached or failed on its side (a network error, a 5xx, a timeout). An
/// <see cref="IOException"/>, so callers that undo partial writes on I/O failures do so; the API answers 503 <c>EXT_5003</c>.
/// </summary>
public sealed class BlobStoreUnavailableException(string message, Exception? inner = null) : IOException(message, inner);
