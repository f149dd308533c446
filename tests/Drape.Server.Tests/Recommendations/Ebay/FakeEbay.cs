using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Drape.Server.Tests.Recommendations.Ebay;

/// <summary>
/// eBay's documented contract (OAuth client credentials + Browse <c>item_summary/search</c>) served over real HTTP on
/// loopback. It checks what a real eBay would reject (recorded in <see cref="Problems"/>), records every call and
/// answers as scripted.
/// </summary>
public sealed class FakeEbay : IAsyncDisposable
{
    public const string ClientId = "Drape-Test-PRD-0123456789";
    public const string ClientSecret = "PRD-secret-abcdef";
    public const string Scope = "https://api.ebay.com/oauth/api_scope";

    public const string TwoGoodOneBadBody = """
        {"href":"…","total":4,"limit":4,"offset":0,"itemSummaries":[
          {"itemId":"v1|110001|0","title":"Blue linen shirt","price":{"value":"24.99","currency":"USD"},
           "image":{"imageUrl":"https://i.ebayimg.com/images/g/1.jpg"},"itemWebUrl":"https://www.ebay.com/itm/110001","condition":"New"},
          {"itemId":"v1|110002|0","title":"Shirt without a price","image":{"imageUrl":"https://i.ebayimg.com/images/g/2.jpg"}},
          {"itemId":"v1|110003|0","title":"Shirt with a bad price","price":{"value":"twelve","currency":"USD"}},
          {"itemId":"v1|110004|0","title":"  Navy chinos ","price":{"value":"1234.5","currency":"USD"},"itemWebUrl":"javascript:alert(1)"}
        ]}
        """;

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, bool> _liveTokens = new();
    private int _tokenSerial;
    private int _tokenRequests;

    private FakeEbay(WebApplication app) => _app = app;

    public string BaseUrl => _app.Urls.Single();

    /// <summary>Contract violations seen (a real eBay would have refused these requests).</summary>
    public ConcurrentQueue<string> Problems { get; } = new();

    public ConcurrentQueue<SearchCall> Searches { get; } = new();

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>Statuses for the next searches, one each, before the normal answer resumes.</summary>
    public ConcurrentQueue<int> NextSearchStatuses { get; } = new();

    /// <summary>When set, every search answers this status.</summary>
    public int? FailEverySearchWith { get; set; }

    /// <summary>When true, search answers 401 to every token, even fresh ones.</summary>
    public bool RejectEveryToken { get; set; }

    public string SearchBody { get; set; } = TwoGoodOneBadBody;

    public int ExpiresIn { get; set; } = 7200;

    public TimeSpan TokenDelay { get; set; }

    /// <summary>The <c>Retry-After</c> seconds sent with a 429.</summary>
    public int RetryAfterSeconds { get; set; }

    public static async Task<FakeEbay> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeEbay(app);
        app.MapPost("/identity/v1/oauth2/token", fake.TokenAsync);
        app.MapGet("/buy/browse/v1/item_summary/search", fake.Search);
        await app.StartAsync();
        return fake;
    }

    /// <summary>eBay revokes every token issued so far (as after a credentials rotation).</summary>
    public void RevokeTokens() => _liveTokens.Clear();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        Interlocked.Increment(ref _tokenRequests);
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
        if (request.Headers.Authorization.ToString() != expected)
        {
            Problems.Enqueue($"token: Authorization was '{request.Headers.Authorization}'");
            return Results.Json(new { error = "invalid_client", error_description = "client authentication failed" }, statusCode: 401);
        }

        if (!request.HasFormContentType)
        {
            Problems.Enqueue($"token: content type was '{request.ContentType}'");
            return Results.Json(new { error = "invalid_request" }, statusCode: 400);
        }

        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "client_credentials" || form["scope"] != Scope || form.Count != 2)
        {
            Problems.Enqueue($"token: form was {string.Join('&', form.Select(f => $"{f.Key}={f.Value}"))}");
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }

        if (TokenDelay > TimeSpan.Zero)
        {
            await Task.Delay(TokenDelay);
        }

        var token = $"v^1.1#token-{Interlocked.Increment(ref _tokenSerial)}";
        _liveTokens[token] = true;
        return Results.Json(new { access_token = token, expires_in = ExpiresIn, token_type = "Application Access Token" });
    }

    private IResult Search(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : "";
        var query = request.Query;
        var call = new SearchCall(token, request.Headers["X-EBAY-C-MARKETPLACE-ID"].ToString(), query["q"].ToString(),
            query.ContainsKey("category_ids") ? query["category_ids"].ToString() : null, query["limit"].ToString(),
            query.ContainsKey("filter") ? query["filter"].ToString() : null, request.QueryString.Value ?? "");
        var status = Status(call);
        Searches.Enqueue(call with { Status = status });
        return status switch
        {
            200 => Results.Text(SearchBody, "application/json"),
            401 => Results.Json(new { errors = new[] { new { errorId = 1001, domain = "OAuth", category = "REQUEST", message = "Invalid access token" } } }, statusCode: 401),
            429 => new TooManyRequests(RetryAfterSeconds),
            _ => Results.Json(new { errors = new[] { new { errorId = 10001, domain = "API_BROWSE", category = "APPLICATION", message = "System error" } } }, statusCode: status),
        };
    }

    private int Status(SearchCall call)
    {
        if (string.IsNullOrEmpty(call.Marketplace))
        {
            Problems.Enqueue("search: no X-EBAY-C-MARKETPLACE-ID");
        }

        if (string.IsNullOrEmpty(call.Q))
        {
            Problems.Enqueue("search: no q");
        }

        if (RejectEveryToken || !_liveTokens.ContainsKey(call.Token))
        {
            return 401;
        }

        if (NextSearchStatuses.TryDequeue(out var scripted))
        {
            return scripted;
        }

        return FailEverySearchWith ?? 200;
    }

    /// <summary>What eBay sends when an application exceeds its call limit.</summary>
    private sealed class TooManyRequests(int retryAfterSeconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = 429;
            httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return httpContext.Response.WriteAsJsonAsync(new { errors = new[] { new { errorId = 2001, message = "Too many requests" } } });
        }
    }
}

/// <summary>One search as the fake received it.</summary>
public sealed record SearchCall(string Token, string Marketplace, string Q, string? CategoryIds, string Limit, string? Filter, string RawQuery, int Status = 0);
