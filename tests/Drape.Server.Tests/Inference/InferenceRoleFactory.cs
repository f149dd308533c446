using Drape.Server.Tests.Support;

namespace Drape.Server.Tests.Inference;

/// <summary>The real host of <c>drape serve --role inference</c>, in process (the role arrives as <c>--role=inference</c>).</summary>
public sealed class InferenceRoleFactory(Dictionary<string, string?>? settings = null)
    : DrapeFactory(new Dictionary<string, string?>(settings ?? []) { ["role"] = "inference" });
