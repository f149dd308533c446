using Drape.Server.Data;
using Drape.Server.Features.Recommendations.Products;
using Drape.Server.Features.Recommendations.Products.Catalog;
using Drape.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Drape.Server.Tests.Recommendations;

public sealed class CatalogImportTests(CatalogImportTests.Factory factory) : IClassFixture<CatalogImportTests.Factory>
{
    public sealed class Factory() : DrapeFactory();

    [Fact]
    public async Task Bad_rows_are_reported_by_line_and_the_rest_imported()
    {
        var folder = Directory.CreateTempSubdirectory("drape-catalog-").FullName;
        var image = Path.Combine(folder, "tee.png");
        File.Copy(Drape.Testing.TestAssets.FixturePath("garment/upper/tee-blue.png"), image);
        var csv = Path.Combine(folder, "products.csv");
        await File.WriteAllTextAsync(csv, """
            id,title,description,price,currency,category,colour,image,url
            t1,Blue crew tee,"Soft cotton, ""classic"" fit",19.90,USD,upper,blue,tee.png,https://shop.example/t1
            t2,No price,,abc,USD,upper,,,
            t3,Wrong category,,10,USD,hats,,,
            t4,Escaping image,,10,USD,upper,,../../etc/passwd,
            t5,"Ivory <b>midi</b> skirt<script>x</script>",,45,eur,lower,ivory,https://cdn.example/s.jpg,
            t6,too,few,fields
            """);

        await using var scope = factory.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<CatalogImporter>().ImportAsync(csv, default);
        Assert.Equal(2, report.Added);
        Assert.Equal([3, 4, 5, 7], report.Problems.Select(p => p.Line));
        Assert.Contains("price", report.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("category", report.Problems[1].Message, StringComparison.Ordinal);

        var db = scope.ServiceProvider.GetRequiredService<DrapeDbContext>();
        var tee = await db.CatalogProducts.SingleAsync(p => p.Sku == "t1");
        Assert.Equal("Soft cotton, \"classic\" fit", tee.Description);
        Assert.NotNull(tee.ImageKey);
        Assert.Matches("^#[0-9a-f]{6}$", tee.ColourHex);
        var lab = Drape.Vision.Skin.ColorNames.LabOf(tee.ColourHex!);
        Assert.True(lab.B < -10, $"the blue tee measures blue ({tee.ColourHex})");
        var skirt = await db.CatalogProducts.SingleAsync(p => p.Sku == "t5");
        Assert.Equal("Ivory midi skirt", skirt.Title);
        Assert.Equal("EUR", skirt.Currency);

        // Importing again updates instead of duplicating, and full-text search finds the products.
        var again = await scope.ServiceProvider.GetRequiredService<CatalogImporter>().ImportAsync(csv, default);
        Assert.Equal((0, 2), (again.Added, again.Updated));
        var search = factory.Services.GetServices<IProductSearch>().OfType<CatalogSearch>().Single();
        var hits = await search.SearchAsync(new ProductQuery("blue tee", null, null, 5), default);
        Assert.Equal("Blue crew tee", Assert.Single(hits).Title);
        Assert.Equal(1, hits[0].Relevance);
        Assert.Empty(await search.SearchAsync(new ProductQuery("blue tee", null, new Budget(50, 100), 5), default));
        Assert.Empty(await search.SearchAsync(new ProductQuery("\" OR * NEAR(", null, null, 5), default)); // query syntax cannot get through
    }

    [Fact]
    public async Task Json_lines_import_reports_broken_lines()
    {
        var folder = Directory.CreateTempSubdirectory("drape-catalog-").FullName;
        var file = Path.Combine(folder, "products.jsonl");
        await File.WriteAllTextAsync(file, """
            {"id":"j1","title":"Emerald wrap dress","price":89,"currency":"USD","category":"dress","colour":"emerald"}
            {not json}

            {"id":"j2","title":"Camel trench coat","price":"120.50","category":"outerwear"}
            """);
        await using var scope = factory.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<CatalogImporter>().ImportAsync(file, default);
        Assert.Equal(2, report.Added);
        Assert.Equal(2, Assert.Single(report.Problems).Line);
        var db = scope.ServiceProvider.GetRequiredService<DrapeDbContext>();
        Assert.Equal("#009b77", (await db.CatalogProducts.SingleAsync(p => p.Sku == "j1")).ColourHex); // from the colour name
    }
}
