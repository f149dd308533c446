using System.Diagnostics;
using Drape.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Drape.Vision.Models;

/// <summary>
/// Loads models lazily on first use (one load however many callers arrive at once), addresses them as <c>name</c> or
/// <c>name:version</c>, and keeps the estimated memory of loaded models under a budget by evicting the least recently
/// used idle models. A model in use is never evicted, nor is the most recently used one (so a single model larger than
/// the budget is not reloaded on every use). Thread-safe; one per process.
/// </summary>
public sealed class ModelManager : IDisposable
{
    private readonly ModelRepository _repository;
    private readonly ModelManagerOptions _options;
    private readonly ModelMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IRemoteModels? _remote;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _failures = new(StringComparer.Ordinal);

    public ModelManager(ModelRepository repository, ModelManagerOptions? options = null, ModelMetrics? metrics = null, ILogger<ModelManager>? logger = null, TimeProvider? time = null, IRemoteModels? remote = null)
    {
        _remote = remote;
        _repository = repository;
        _options = options ?? new ModelManagerOptions();
        _metrics = metrics ?? new ModelMetrics();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _metrics.Observe(() => Loaded().Count, () => Loaded().Sum(m => m.EstimatedBytes));
    }

    public ModelManifest Manifest => _repository.Manifest;

    /// <summary>As <see cref="AcquireAsync"/>, blocking while the model loads (for synchronous, CPU-bound callers).</summary>
    public ModelLease Acquire(string model) => AcquireAsync(model, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Loads <paramref name="model"/> if needed and holds it until the lease is disposed.</summary>
    public async Task<ModelLease> AcquireAsync(string model, CancellationToken cancellationToken = default)
    {
        var entry = Resolve(model);
        Slot slot;
        lock (_gate)
        {
            if (!_slots.TryGetValue(entry.Id, out slot!))
            {
                slot = new Slot(entry, new Lazy<Task<LoadedModel>>(() => Task.Run(() => Load(entry), CancellationToken.None)));
                _slots[entry.Id] = slot;
            }

            slot.Users++;
        }

        LoadedModel loaded;
        try
        {
            loaded = await slot.Model.Value.WaitAsync(cancellationToken);
        }
        catch
        {
            lock (_gate)
            {
                slot.Users--;
                if (slot.Model.Value.IsFaulted && _slots.GetValueOrDefault(entry.Id) == slot)
                {
                    _slots.Remove(entry.Id);
                }
            }

            throw;
        }

        lock (_gate)
        {
            slot.LastUsed = _time.GetTimestamp();
        }

        EvictOverBudget(slot);
        return new ModelLease(loaded, () => Release(slot));
    }

    /// <summary>
    /// Runs <paramref name="model"/> (name or name:version) here, or on the remote server configured for it
    /// (<see cref="IRemoteModels"/>), blocking until it is done. Outputs are managed copies, safe to keep.
    /// </summary>
    public IReadOnlyList<NamedOnnxValue> Run(string model, IReadOnlyCollection<NamedOnnxValue> inputs) =>
        RunAsync(model, inputs, CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc cref="Run"/>
    public async Task<IReadOnlyList<NamedOnnxValue>> RunAsync(string model, IReadOnlyCollection<NamedOnnxValue> inputs, CancellationToken cancellationToken)
    {
        if (_remote?.Serves(model) == true)
        {
            return await _remote.RunAsync(model, inputs, cancellationToken);
        }

        using var lease = await AcquireAsync(model, cancellationToken);
        using var results = lease.Run(inputs);
        return results.Select(Copy).ToList();
    }

    /// <summary>The shape of the model's first input where it runs (remote servers may serve another size), -1 for dynamic.</summary>
    public IReadOnlyList<long> InputShape(string model) =>
        _remote?.Serves(model) == true
            ? _remote.InputsAsync(model, CancellationToken.None).GetAwaiter().GetResult()[0].Shape
            : Resolve(model).Inputs[0].Shape;

    private static NamedOnnxValue Copy(DisposableNamedOnnxValue value) => value.Value switch
    {
        Tensor<float> t => NamedOnnxValue.CreateFromTensor(value.Name, t.Clone()),
        Tensor<int> t => NamedOnnxValue.CreateFromTensor(value.Name, t.Clone()),
        Tensor<long> t => NamedOnnxValue.CreateFromTensor(value.Name, t.Clone()),
        Tensor<byte> t => NamedOnnxValue.CreateFromTensor(value.Name, t.Clone()),
        Tensor<bool> t => NamedOnnxValue.CreateFromTensor(value.Name, t.Clone()),
        _ => throw new NotSupportedException($"Output '{value.Name}' is not a numeric tensor."),
    };

    /// <summary>Loads the named models now (start-up warm-up) and runs each once on zeros.</summary>
    public async Task WarmUpAsync(IEnumerable<string> models, CancellationToken cancellationToken)
    {
        foreach (var name in models)
        {
            using var lease = await AcquireAsync(name, cancellationToken);
            var inputs = lease.Model.InputMetadata.Select(i => Zeros(i.Key, i.Value)).ToList();
            using var _ = lease.Run(inputs);
        }
    }

    /// <summary>Each model of the manifest: not_loaded, loaded or failed, with memory and load time when loaded.</summary>
    public IReadOnlyList<ModelState> States()
    {
        var files = _repository.Status();
        lock (_gate)
        {
            return _repository.Manifest.Models.Select(m =>
            {
                if (_slots.TryGetValue(m.Id, out var slot) && slot.Model.IsValueCreated && slot.Model.Value.IsCompletedSuccessfully)
                {
                    var loaded = slot.Model.Value.Result;
                    return new ModelState(m.Id, "loaded", files[m.Id], loaded.EstimatedBytes, loaded.LoadTime.TotalMilliseconds, null);
                }

                return _failures.TryGetValue(m.Id, out var error)
                    ? new ModelState(m.Id, "failed", files[m.Id], 0, null, error)
                    : new ModelState(m.Id, "not_loaded", files[m.Id], 0, null, null);
            }).ToList();
        }
    }

    public ModelEntry Resolve(string model)
    {
        var parts = model.Split(':', 2);
        var entry = _repository.Manifest.Models.FirstOrDefault(m => m.Name == parts[0] && (parts.Length == 1 || m.Version == parts[1]));
        return entry ?? throw new DrapeException(ErrorCodes.ModelNotLoaded, 404, $"There is no model '{model}'.",
            new Dictionary<string, object?> { ["model"] = model });
    }

    private List<LoadedModel> Loaded()
    {
        lock (_gate)
        {
            return _slots.Values.Where(s => s.Model.IsValueCreated && s.Model.Value.IsCompletedSuccessfully).Select(s => s.Model.Value.Result).ToList();
        }
    }

    private LoadedModel Load(ModelEntry entry)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var path = _repository.ResolvePath(entry.Name);
            using var options = new SessionOptions
            {
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                IntraOpNumThreads = _options.EffectiveIntraOpThreads,
                InterOpNumThreads = 1,
                EnableCpuMemArena = _options.MemoryArena,
                LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            };
            // Idle ORT threads spin for a while after each run by default; on a few cores that spinning takes the CPU
            // from the image work between inferences (and from the other models' runs), so they sleep instead.
            options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            var session = new InferenceSession(path, options);
            var elapsed = Stopwatch.GetElapsedTime(started);
            _metrics.Loaded(entry.Id, elapsed.TotalMilliseconds);
            _logger.LogInformation("Model {Model} loaded in {DurationMs:F0} ms", entry.Id, elapsed.TotalMilliseconds);
            lock (_gate)
            {
                _failures.Remove(entry.Id);
            }

            return new LoadedModel(entry, session, new FileInfo(path).Length, elapsed, _metrics, _logger);
        }
        catch (Exception e) when (e is OnnxRuntimeException or DrapeException or IOException)
        {
            var message = e is DrapeException drape ? drape.Message : $"Model '{entry.Name}' ({entry.Version}) could not be loaded: its file is not a valid model for ONNX Runtime.";
            lock (_gate)
            {
                _failures[entry.Id] = message;
            }

            _logger.LogError(e, "Model {Model} failed to load", entry.Id);
            throw e as DrapeException ?? new DrapeException(ErrorCodes.ModelNotLoaded, 503, message, new Dictionary<string, object?> { ["model"] = entry.Id }, e);
        }
    }

    private void Release(Slot slot)
    {
        lock (_gate)
        {
            slot.Users--;
        }

        EvictOverBudget(null);
    }

    private void EvictOverBudget(Slot? keep)
    {
        var budget = (long)_options.MemoryBudgetMb * 1024 * 1024;
        var evicted = new List<LoadedModel>();
        lock (_gate)
        {
            var loaded = _slots.Values.Where(s => s.Model.IsValueCreated && s.Model.Value.IsCompletedSuccessfully).ToList();
            var total = loaded.Sum(s => s.Model.Value.Result.EstimatedBytes);
            var newest = loaded.MaxBy(s => s.LastUsed);
            foreach (var victim in loaded.Where(s => s != keep && s != newest && s.Users == 0).OrderBy(s => s.LastUsed))
            {
                if (total <= budget)
                {
                    break;
                }

                _slots.Remove(victim.Entry.Id);
                total -= victim.Model.Value.Result.EstimatedBytes;
                evicted.Add(victim.Model.Value.Result);
            }
        }

        foreach (var model in evicted)
        {
            _logger.LogInformation("Model {Model} evicted to stay within the {BudgetMb} MB model budget", model.Entry.Id, _options.MemoryBudgetMb);
            model.Dispose();
        }
    }

    private static NamedOnnxValue Zeros(string name, NodeMetadata meta)
    {
        var dims = meta.Dimensions.Select(d => d < 0 ? 1 : d).ToArray();
        var count = dims.Aggregate(1, (a, b) => a * b);
        return meta.ElementType == typeof(int)
            ? NamedOnnxValue.CreateFromTensor(name, new DenseTensor<int>(new int[count], dims))
            : NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(new float[count], dims));
    }

    public void Dispose()
    {
        foreach (var model in Loaded())
        {
            model.Dispose();
        }

        lock (_gate)
        {
            _slots.Clear();
        }
    }

    private sealed class Slot(ModelEntry entry, Lazy<Task<LoadedModel>> model)
    {
        public ModelEntry Entry { get; } = entry;

        public Lazy<Task<LoadedModel>> Model { get; } = model;

        public int Users { get; set; }

        public long LastUsed { get; set; }
    }
}

/// <param name="State">not_loaded, loaded or failed.</param>
/// <param name="File">The file's state on disk: ok, missing or corrupt.</param>
public sealed record ModelState(string Model, string State, string File, long MemoryBytes, double? LoadMs, string? Error);
