namespace Drape.Errors;

/// <summary>The error codes of DESIGN.md §5 (seed 000's ErrorCode enum). One place, used by every project.</summary>
public static class ErrorCodes
{
    public const string AuthInvalidToken = "AUTH_1001";
    public const string AuthExpiredToken = "AUTH_1002";
    public const string AuthMissingToken = "AUTH_1003";
    public const string AuthForbidden = "AUTH_1004";

    public const string InvalidInput = "VAL_2001";
    public const string FileTooLarge = "VAL_2002";
    public const string UnsupportedType = "VAL_2003";
    public const string ContentMismatch = "VAL_2004";
    public const string InvalidFilename = "VAL_2005";

    public const string RateLimited = "RATE_3001";

    public const string ModelNotLoaded = "ML_4001";
    public const string InferenceFailed = "ML_4002";
    public const string OutOfMemory = "ML_4003";
    public const string BadInput = "ML_4004";
    public const string JobTimedOut = "ML_4005";

    public const string LlmUnavailable = "EXT_5001";
    public const string ProductSearchUnavailable = "EXT_5002";
    public const string StorageProviderUnavailable = "EXT_5003";
    public const string UpstreamTimeout = "EXT_5004";

    public const string NotFound = "RES_6001";
    public const string Conflict = "RES_6002";

    public const string Internal = "SYS_9001";
    public const string Configuration = "SYS_9002";
    public const string Storage = "SYS_9003";
}
