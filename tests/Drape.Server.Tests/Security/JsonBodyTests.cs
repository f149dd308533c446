using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Text;
using Drape.Server.Errors;
using Drape.Server.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Drape.Server.Tests.Security;

/// <summary>
/// The strict JSON body reader that JSON endpoints use, on a seed-shaped schema (BodyGenerationRequest), behind
/// Drape's own error handling.
/// </summary>
public sealed class JsonBodyTests : IAsyncLifetime
{
    public enum BodyType { Slim, Athletic, Average, Curvy, PlusSize }

    public sealed class BodyRequest
    {
        public required BodyType BodyType { get; init; }

        [Range(140, 220)]
        public required double HeightCm { get; init; }

        [Range(40, 200)]
        public required double WeightKg { get; init; }

        [Range(1, 10)]
        public int Count { get; init; } = 4;

        [MaxLength(40)]
        public string? SkinTone { get; init; }
    }

    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddApiErrors();
        _app = builder.Build();
        _app.UseApiErrors();
        _app.MapPost("/bodies", async (HttpRequest request) => Results.Ok(await JsonBody.ReadAsync<BodyRequest>(request, request.HttpContext.RequestAborted)));
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, IReadOnlyList<string?> Fields)> PostAsync(string json)
    {
        using var response = await _client.PostAsync("/bodies", new StringContent(json, Encoding.UTF8, "application/json"));
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return (response.StatusCode, []);
        }

        var body = await response.ReadObjectAsync();
        Assert.Equal("VAL_2001", (string?)body["error_code"]);
        Assert.DoesNotContain("Drape.", body.ToJsonString(), StringComparison.Ordinal); // no .NET type names
        return (response.StatusCode, body.FieldNames());
    }

    [Theory]
    [InlineData("""{"body_type":"slim","height_cm":170,"weight_kg":60,"colour":"red"}""", "colour")]
    [InlineData("""{"body_type":"skinny","height_cm":170,"weight_kg":60}""", "body_type")]
    [InlineData("""{"body_type":"Slim","height_cm":170,"weight_kg":60,"count":"four"}""", "count")]
    [InlineData("""{"body_type":0,"height_cm":170,"weight_kg":60}""", "body_type")]
    [InlineData("""{"body_type":"slim","height_cm":250,"weight_kg":60}""", "height_cm")]
    [InlineData("""{"body_type":"slim","height_cm":170,"weight_kg":20}""", "weight_kg")]
    [InlineData("""{"body_type":"slim","height_cm":170,"weight_kg":60,"count":11}""", "count")]
    [InlineData("""{"body_type":"slim","weight_kg":60}""", "height_cm")]
    [InlineData("""{"body_type":"slim",""", "body")]
    public async Task Each_schema_violation_is_422_naming_its_field(string json, string field)
    {
        var (status, fields) = await PostAsync(json);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(field, fields);
    }

    [Fact]
    public async Task Several_violations_are_listed_together()
    {
        var (_, fields) = await PostAsync("""{"body_type":"slim","height_cm":100,"weight_kg":500,"count":0}""");
        Assert.Equal(["count", "height_cm", "weight_kg"], fields.Order());
    }

    [Property(MaxTest = 40)]
    public Property Out_of_range_heights_are_refused_and_in_range_ones_accepted() =>
        Prop.ForAll(Gen.Choose(0, 400).ToArbitrary(), height =>
        {
            var (status, fields) = PostAsync($$"""{"body_type":"plus_size","height_cm":{{height}},"weight_kg":70}""").GetAwaiter().GetResult();
            return height is >= 140 and <= 220
                ? status == HttpStatusCode.OK
                : status == HttpStatusCode.UnprocessableEntity && fields.SequenceEqual(["height_cm"]);
        });
}
