namespace Drape.Server.Engines.Oip;

/// <summary><c>GET /v2</c>.</summary>
public sealed record OipServerMetadata(string Name, string Version, IReadOnlyList<string> Extensions);

/// <summary><c>GET /v2/models/{name}[/versions/{version}]</c>.</summary>
public sealed record OipModelMetadata(string Name, IReadOnlyList<string>? Versions, string? Platform, IReadOnlyList<OipTensorMetadata> Inputs, IReadOnlyList<OipTensorMetadata> Outputs);

/// <param name="Shape">-1 for a dynamic dimension.</param>
public sealed record OipTensorMetadata(string Name, string Datatype, IReadOnlyList<long> Shape);

/// <summary>The body of every error on the <c>/v2</c> routes.</summary>
public sealed record OipError(string Error);
