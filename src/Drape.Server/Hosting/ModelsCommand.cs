namespace Drape.Server.Hosting;

/// <summary><c>drape models pull</c>.</summary>
internal static class ModelsCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("drape models: the model repository is being wired in");
        return Task.FromResult(args.Length == 0 ? 64 : 1);
    }
}
