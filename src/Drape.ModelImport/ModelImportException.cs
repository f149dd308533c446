namespace Drape.ModelImport;

/// <summary>The model cannot be imported; the message names the op and node where one is involved.</summary>
public sealed class ModelImportException(string message) : Exception(message);
