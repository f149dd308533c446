using System.ComponentModel;

namespace Drape.Server.Features.Docs;

/// <summary>
/// Endpoint metadata naming the type that documents a multipart body. The handlers stream the body themselves
/// (<see cref="Uploads.MultipartFormReader"/>), so the framework cannot infer it; <see cref="MultipartFormTransformer"/>
/// turns this type into the exact OpenAPI request body.
/// </summary>
public sealed record MultipartFormMetadata(Type FormType);

/// <summary>Marks a form property as a file part; <see cref="Multiple"/> for a repeated part.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FormFileAttribute(bool multiple = false) : Attribute
{
    public bool Multiple { get; } = multiple;
}

public static class MultipartFormExtensions
{
    /// <summary>Documents the endpoint's body as multipart/form-data shaped like <typeparamref name="TForm"/>.</summary>
    public static RouteHandlerBuilder WithMultipartForm<TForm>(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new MultipartFormMetadata(typeof(TForm)));

    internal static string? DescriptionOf(System.Reflection.PropertyInfo property) =>
        (property.GetCustomAttributes(typeof(DescriptionAttribute), true).FirstOrDefault() as DescriptionAttribute)?.Description;
}
