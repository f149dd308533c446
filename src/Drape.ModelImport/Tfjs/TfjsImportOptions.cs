namespace Drape.ModelImport.Tfjs;

/// <param name="DynamicBatch">
/// Leave the inputs' first (batch) dimension dynamic, for graphs that do not bake the batch size into reshapes; otherwise
/// a dynamic batch is pinned to 1 and the exported graph is fully static.
/// </param>
/// <param name="ProducerVersion">Written into the ONNX file's <c>producer_version</c>.</param>
public sealed record TfjsImportOptions(bool DynamicBatch = false, string ProducerVersion = "1");
