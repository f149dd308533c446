namespace Drape.Vision.Models;

/// <summary>How the <see cref="ModelManager"/> runs models on this machine.</summary>
/// <param name="MemoryBudgetMb">Loaded models beyond this (estimated from their file sizes) evict the least recently used idle ones.</param>
/// <param name="IntraOpThreads">ONNX Runtime threads per inference; 0 = one per core, at most 4.</param>
/// <param name="MemoryArena">ONNX Runtime's CPU memory arena: faster repeated runs, memory held between them.</param>
public sealed record ModelManagerOptions(int MemoryBudgetMb = 1024, int IntraOpThreads = 0, bool MemoryArena = true)
{
    public int EffectiveIntraOpThreads => IntraOpThreads > 0 ? IntraOpThreads : Math.Clamp(Environment.ProcessorCount, 1, 4);
}
