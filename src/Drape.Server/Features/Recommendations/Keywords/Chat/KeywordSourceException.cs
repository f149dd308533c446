namespace Drape.Server.Features.Recommendations.Keywords.Chat;

/// <summary>The keyword source could not give usable keywords (unreachable, breaker open, malformed answer); the caller falls back.</summary>
public sealed class KeywordSourceException(string message, Exception? inner = null) : Exception(message, inner);
