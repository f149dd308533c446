using System.Security.Cryptography;
using Drape.Errors;
using Drape.Vision.Models;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Drape.Vision.Tests.Models;

public sealed class ModelManagerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("drape-manager-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Models_load_on_first_use_only()
    {
        using var manager = new ModelManager(TestModels.Repository);
        Assert.All(manager.States(), s => Assert.Equal("not_loaded", s.State));

        using (var lease = await manager.AcquireAsync("blazeface-front"))
        {
            Assert.Equal("blazeface-front", lease.Model.Entry.Name);
        }

        var states = manager.States().ToDictionary(s => s.Model);
        Assert.Equal("loaded", states["blazeface-front:1.2.0"].State);
        Assert.True(states["blazeface-front:1.2.0"].MemoryBytes > 0);
        Assert.Equal("not_loaded", states["movenet-thunder:4"].State);
    }

    [Fact]
    public async Task Concurrent_first_use_loads_once()
    {
        using var manager = new ModelManager(TestModels.Repository);
        var leases = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => manager.AcquireAsync("selfie"))));
        try
        {
            Assert.All(leases, l => Assert.Same(leases[0].Model, l.Model));
        }
        finally
        {
            foreach (var lease in leases)
            {
                lease.Dispose();
            }
        }
    }

    [Fact]
    public async Task Name_and_name_version_address_the_same_model()
    {
        using var manager = new ModelManager(TestModels.Repository);
        using var byName = await manager.AcquireAsync("movenet-lightning");
        using var byId = await manager.AcquireAsync("movenet-lightning:4");
        Assert.Same(byName.Model, byId.Model);
        var unknown = await Assert.ThrowsAsync<DrapeException>(() => manager.AcquireAsync("movenet-lightning:9"));
        Assert.Equal(ErrorCodes.ModelNotLoaded, unknown.ErrorCode);
        Assert.Equal(404, unknown.Status);
    }

    [Fact]
    public async Task Over_budget_the_least_recently_used_idle_model_is_evicted()
    {
        // 16 MB: MoveNet Thunder alone (≈25 MB) is over it, so each new load evicts every idle model.
        using var manager = new ModelManager(TestModels.Repository, new ModelManagerOptions(MemoryBudgetMb: 16));
        (await manager.AcquireAsync("blazeface-front")).Dispose();
        (await manager.AcquireAsync("blazeface-back")).Dispose();
        Assert.Equal("loaded", State(manager, "blazeface-back:1.2.0")); // 1 MB together: within budget

        using (var thunder = await manager.AcquireAsync("movenet-thunder"))
        {
            Assert.Equal("not_loaded", State(manager, "blazeface-front:1.2.0"));
            Assert.Equal("not_loaded", State(manager, "blazeface-back:1.2.0"));

            // In use, Thunder stays even though loading Lightning puts the total further over budget.
            using var lightning = await manager.AcquireAsync("movenet-lightning");
            Assert.Equal("loaded", State(manager, "movenet-thunder:4"));
            Assert.Equal("loaded", State(manager, "movenet-lightning:4"));
        }

        // Both released: the older one (Thunder, used first) goes, and the total fits again with Lightning alone.
        Assert.Equal("not_loaded", State(manager, "movenet-thunder:4"));
        Assert.Equal("loaded", State(manager, "movenet-lightning:4"));

        // An evicted model loads again on its next use.
        using var again = await manager.AcquireAsync("blazeface-front");
        Assert.Equal("loaded", State(manager, "blazeface-front:1.2.0"));
    }

    [Fact]
    public async Task A_file_onnx_runtime_cannot_load_is_ML_4001_and_health_says_failed()
    {
        var garbage = "this is not an ONNX model"u8.ToArray();
        var path = Path.Combine(_dir, "broken", "1", "model.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, garbage);
        var hash = Convert.ToHexStringLower(SHA256.HashData(garbage));
        var entry = new ModelEntry("broken", "1", new ModelSource("none@1", hash, "onnx", [new SourceFile("model.onnx", hash)]), "broken/1/model.onnx", hash,
            [new TensorSpec("x", [1], "float32")], [new TensorSpec("y", [1], "float32")], "none", "MIT", null);
        using var manager = new ModelManager(new ModelRepository(_dir, new ModelManifest([entry])));

        var error = await Assert.ThrowsAsync<DrapeException>(() => manager.AcquireAsync("broken"));
        Assert.Equal(ErrorCodes.ModelNotLoaded, error.ErrorCode);
        Assert.Contains("broken", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_dir, error.Message, StringComparison.Ordinal);
        var state = Assert.Single(manager.States());
        Assert.Equal("failed", state.State);

        // The next use tries again (the file may have been fixed by `drape models pull`).
        await Assert.ThrowsAsync<DrapeException>(() => manager.AcquireAsync("broken"));
    }

    [Fact]
    public async Task Wrong_input_shape_or_type_is_ML_4004()
    {
        using var manager = new ModelManager(TestModels.Repository);
        using var lease = await manager.AcquireAsync("movenet-lightning");
        var wrongShape = Assert.Throws<DrapeException>(() => lease.Run([NamedOnnxValue.CreateFromTensor("input", new DenseTensor<int>([1, 100, 100, 3]))]));
        Assert.Equal(ErrorCodes.BadInput, wrongShape.ErrorCode);
        Assert.Contains("[1, 192, 192, 3]", wrongShape.Message, StringComparison.Ordinal);
        var wrongType = Assert.Throws<DrapeException>(() => lease.Run([NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>([1, 192, 192, 3]))]));
        Assert.Equal(ErrorCodes.BadInput, wrongType.ErrorCode);
        var missing = Assert.Throws<DrapeException>(() => lease.Run([NamedOnnxValue.CreateFromTensor("other", new DenseTensor<int>([1, 192, 192, 3]))]));
        Assert.Contains("missing", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warm_up_loads_and_runs_each_model()
    {
        using var manager = new ModelManager(TestModels.Repository);
        await manager.WarmUpAsync(["selfie", "blazeface-front"], default);
        Assert.Equal("loaded", State(manager, "selfie:1215"));
        Assert.Equal("loaded", State(manager, "blazeface-front:1.2.0"));
    }

    private static string State(ModelManager manager, string id) => manager.States().Single(s => s.Model == id).State;
}
