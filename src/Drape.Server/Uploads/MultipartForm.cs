namespace Drape.Server.Uploads;

/// <summary>The parts of a multipart request: text fields and files, by field name, in arrival order.</summary>
public sealed class MultipartForm
{
    public Dictionary<string, List<string>> Fields { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<UploadedFile>> Files { get; } = new(StringComparer.Ordinal);

    public string? Field(string name) => Fields.TryGetValue(name, out var values) ? values[^1] : null;

    public IReadOnlyList<string> FieldValues(string name) => Fields.TryGetValue(name, out var values) ? values : [];

    public UploadedFile? File(string name) => Files.TryGetValue(name, out var files) ? files[0] : null;

    public IReadOnlyList<UploadedFile> FilesOf(string name) => Files.TryGetValue(name, out var files) ? files : [];

    /// <summary>Every field and file name that arrived, to reject unknown ones (DESIGN.md §4).</summary>
    public IEnumerable<string> Names => Fields.Keys.Concat(Files.Keys);

    public long TotalFileBytes => Files.Values.Sum(list => list.Sum(f => (long)f.Data.Length));
}
