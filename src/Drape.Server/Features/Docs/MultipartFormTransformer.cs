using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Drape.Server.Features.Docs;

/// <summary>Writes the multipart/form-data request body of endpoints marked with <see cref="MultipartFormMetadata"/>.</summary>
internal sealed class MultipartFormTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata.OfType<MultipartFormMetadata>().FirstOrDefault();
        if (metadata is null)
        {
            return Task.CompletedTask;
        }

        var schema = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = new Dictionary<string, IOpenApiSchema>(), Required = new HashSet<string>() };
        var nullability = new NullabilityInfoContext();
        foreach (var property in metadata.FormType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            schema.Properties[name] = SchemaFor(property);
            if (property.GetCustomAttribute<RequiredAttribute>() is not null || nullability.Create(property).WriteState == NullabilityState.NotNull)
            {
                schema.Required.Add(name);
            }
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["multipart/form-data"] = new() { Schema = schema } },
        };
        return Task.CompletedTask;
    }

    private static OpenApiSchema SchemaFor(PropertyInfo property)
    {
        var description = MultipartFormExtensions.DescriptionOf(property);
        if (property.GetCustomAttribute<FormFileAttribute>() is { } file)
        {
            var binary = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = description };
            return file.Multiple ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = binary, Description = description } : binary;
        }

        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var schema = new OpenApiSchema { Description = description };
        if (type.IsEnum)
        {
            schema.Type = JsonSchemaType.String;
            schema.Enum = Enum.GetNames(type).Select(n => (JsonNode)JsonValue.Create(JsonNamingPolicy.SnakeCaseLower.ConvertName(n))!).ToList();
        }
        else if (type == typeof(int) || type == typeof(long))
        {
            schema.Type = JsonSchemaType.Integer;
        }
        else if (type == typeof(string[]) || typeof(IEnumerable<string>).IsAssignableFrom(type) && type != typeof(string))
        {
            schema.Type = JsonSchemaType.Array;
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
        }
        else
        {
            schema.Type = JsonSchemaType.String;
        }

        if (property.GetCustomAttribute<MaxLengthAttribute>() is { } maxLength)
        {
            schema.MaxLength = maxLength.Length;
        }

        if (property.GetCustomAttribute<UrlAttribute>() is not null)
        {
            schema.Format = "uri";
        }

        return schema;
    }
}
