namespace Drape.Server.Engines.Hosted;

/// <summary>A provider answered outside its documented contract (missing fields, a result that is no image, too large).</summary>
public sealed class HostedContractException : Exception
{
    public HostedContractException()
        : this("The provider's answer is not in its documented form.")
    {
    }

    public HostedContractException(string message)
        : base(message)
    {
    }

    public HostedContractException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
