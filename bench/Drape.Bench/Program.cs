using BenchmarkDotNet.Running;
using Drape.Bench;

// dotnet run -c Release --project bench/Drape.Bench -- load [--connections 32] [--seconds 20]   HTTP load scenario
// dotnet run -c Release --project bench/Drape.Bench -- throughput --workers 2 --sessions 40 [--postgres CONN]   worker processes
// dotnet run -c Release --project bench/Drape.Bench -- claims --claimers 8 --jobs 400 [--postgres SERVER]   job claim latency under contention
// dotnet run -c Release --project bench/Drape.Bench -- quality [--runs 15]                      built-in try-on p50 per category + quality metrics
// dotnet run -c Release --project bench/Drape.Bench -- --filter '*'                             BenchmarkDotNet micro-benchmarks
if (args.Length > 0 && args[0] == "throughput")
{
    return await WorkerThroughputScenario.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "claims")
{
    return await ClaimLatencyScenario.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "quality")
{
    return await TryOnQualityReport.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "load")
{
    return await LoadScenario.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(LoadScenario).Assembly).Run(args);
return 0;
