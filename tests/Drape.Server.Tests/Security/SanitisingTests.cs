using System.Net;
using System.Text.Json;
using Drape.Server.Data;
using Drape.Server.Features.TryOn;
using Drape.Server.Security;
using Drape.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Drape.Server.Tests.Security;

public sealed class SanitisingTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>Blue tee", "Blue tee")]
    [InlineData("<img src=x onerror=alert(1)>Soft cotton", "Soft cotton")]
    [InlineData("<b>Bold</b> &lt;i&gt;claim&lt;/i&gt;", "Bold claim")]
    [InlineData("Plain text, 100% cotton & linen", "Plain text, 100% cotton & linen")]
    [InlineData("tab\tand\u0000nul", "tab\tandnul")]
    public void Free_text_loses_all_markup(string given, string expected) => Assert.Equal(expected, new TextSanitizer().Clean(given));

    [Fact]
    public async Task A_script_in_the_description_is_never_stored()
    {
        await using var factory = new DrapeFactory(new() { ["Drape:Workers:Count"] = "0" });
        using var created = await factory.CreateClient().PostAsync("/api/v1/tryon/sessions",
            Fixtures.TryOnForm(fields: ("garment_description", "<script>document.cookie</script><a href=\"javascript:x()\" onclick=\"y()\">Navy polo</a>")));
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var job = await factory.DbAsync(db => db.Jobs.SingleAsync());
        var input = JsonSerializer.Deserialize<TryOnJobInput>(job.Input, SessionViews.Json)!;
        Assert.Equal("Navy polo", input.Description);
        Assert.DoesNotContain("<", job.Input, StringComparison.Ordinal);
    }
}
