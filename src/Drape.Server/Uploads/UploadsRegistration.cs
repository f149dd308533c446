using Drape.Server.Configuration;

namespace Drape.Server.Uploads;

public static class UploadsRegistration
{
    public static IServiceCollection AddUploads(this IServiceCollection services)
    {
        services.AddDrapeOptions<UploadOptions>(UploadOptions.Section);
        services.AddSingleton<MultipartFormReader>();
        services.AddSingleton<Security.TextSanitizer>();
        return services;
    }
}
