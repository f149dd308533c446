using System.Net;
using Drape.Server.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Drape.Server.Tests.Security;

/// <summary>
/// Property tests over the try-on form's schema, against the real server: any unknown field, any category off the
/// list, any non-integer seed or over-long description is 422 naming that field; any valid combination is accepted.
/// </summary>
public sealed class FormSchemaProperties(FormSchemaProperties.Factory factory) : IClassFixture<FormSchemaProperties.Factory>
{
    public sealed class Factory() : DrapeFactory(new() { ["Drape:Workers:Count"] = "0" });

    private static readonly string[] Known = ["person_image", "garment_image", "category", "garment_description", "seed", "webhook_url"];
    private static readonly string[] Categories = ["upper", "lower", "dress", "auto"];

    private async Task<(HttpStatusCode Status, IReadOnlyList<string?> Fields)> PostAsync(params (string Name, string Value)[] fields)
    {
        using var response = await factory.CreateClient().PostAsync("/api/v1/tryon/sessions", Fixtures.TryOnForm(fields: fields));
        var body = await response.ReadObjectAsync();
        return (response.StatusCode, response.StatusCode == HttpStatusCode.UnprocessableEntity ? body.FieldNames() : []);
    }

    private static Arbitrary<string> Names() =>
        Gen.Elements("colour", "size", "x", "Category", "person", "garment", "userId", "__proto__", "seed ", "webhook")
            .Where(name => !Known.Contains(name)).ToArbitrary();

    [Property(MaxTest = 15)]
    public Property An_unknown_field_is_422_naming_it() =>
        Prop.ForAll(Names(), name =>
        {
            var (status, fields) = PostAsync((name, "value")).GetAwaiter().GetResult();
            return status == HttpStatusCode.UnprocessableEntity && fields.Contains(name);
        });

    [Property(MaxTest = 25)]
    public Property A_category_off_the_list_is_422_naming_it() =>
        Prop.ForAll(ArbMap.Default.ArbFor<NonEmptyString>().Filter(s => !Categories.Contains(s.Get)), category =>
        {
            var (status, fields) = PostAsync(("category", category.Get)).GetAwaiter().GetResult();
            return status == HttpStatusCode.UnprocessableEntity && fields.Contains("category");
        });

    [Property(MaxTest = 20)]
    public Property A_seed_that_is_not_an_integer_is_422_naming_it() =>
        Prop.ForAll(ArbMap.Default.ArbFor<NonEmptyString>().Filter(s => !int.TryParse(s.Get, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _)), seed =>
        {
            var (status, fields) = PostAsync(("seed", seed.Get)).GetAwaiter().GetResult();
            return status == HttpStatusCode.UnprocessableEntity && fields.Contains("seed");
        });

    [Property(MaxTest = 10)]
    public Property A_description_over_500_characters_is_422_naming_it() =>
        Prop.ForAll(Gen.Choose(501, 2000).ToArbitrary(), length =>
        {
            var (status, fields) = PostAsync(("garment_description", new string('d', length))).GetAwaiter().GetResult();
            return status == HttpStatusCode.UnprocessableEntity && fields.Contains("garment_description");
        });

    [Property(MaxTest = 20)]
    public Property Any_valid_combination_is_accepted() =>
        Prop.ForAll(Gen.Elements(Categories).ToArbitrary(), ArbMap.Default.ArbFor<int>(), Gen.Choose(0, 500).ToArbitrary(), (category, seed, length) =>
        {
            var (status, _) = PostAsync(("category", category), ("seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("garment_description", new string('a', length)))
                .GetAwaiter().GetResult();
            return status == HttpStatusCode.Accepted;
        });
}
