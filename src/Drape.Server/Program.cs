using Drape.Server.Hosting;

// `drape serve` (default) · `drape serve --no-workers` · `drape worker` · `drape migrate` · `drape models pull`
return await DrapeCommandLine.RunAsync(args);

/// <summary>Entry point; public so tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
