using Microsoft.AspNetCore.ResponseCompression;

namespace Drape.Server.Hosting;

/// <summary>Security headers on every response, a restrictive CSP on HTML pages, no Server header, gzip/brotli for text.</summary>
public static class ResponseHygiene
{
    /// <summary>The docs UI is the only HTML page: its scripts and styles come from Drape itself.</summary>
    private const string HtmlPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static WebApplicationBuilder AddResponseHygiene(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json", "image/svg+xml"]);
        });
        return builder;
    }

    public static WebApplication UseResponseHygiene(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    headers.ContentSecurityPolicy = HtmlPolicy;
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseResponseCompression();
        return app;
    }
}
