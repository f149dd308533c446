using Microsoft.ML.OnnxRuntime;

namespace Drape.Vision.Models;

/// <summary>A loaded model held for use: while any lease is open the manager will not evict it. Dispose when done.</summary>
public sealed class ModelLease : IDisposable
{
    private readonly Action _release;
    private int _released;

    internal ModelLease(LoadedModel model, Action release)
    {
        Model = model;
        _release = release;
    }

    public LoadedModel Model { get; }

    public IDisposableReadOnlyCollection<DisposableNamedOnnxValue> Run(IReadOnlyCollection<NamedOnnxValue> inputs) => Model.Run(inputs);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _release();
        }
    }
}
