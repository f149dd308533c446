using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Drape.Server.Configuration;

public static class OptionsRegistration
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to <paramref name="sectionPath"/> and validates its data annotations at start,
    /// reporting each failure with the full configuration key (<c>Drape:Jobs:MaxAttempts: …</c>).
    /// </summary>
    public static OptionsBuilder<T> AddDrapeOptions<T>(this IServiceCollection services, string sectionPath)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new KeyNamingValidator<T>(sectionPath));
        return services.AddOptions<T>().BindConfiguration(sectionPath).ValidateOnStart();
    }

    private sealed class KeyNamingValidator<T>(string sectionPath) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var results = new List<ValidationResult>();
            if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            {
                return ValidateOptionsResult.Success;
            }

            return ValidateOptionsResult.Fail(results.Select(r =>
                $"{sectionPath}:{string.Join(',', r.MemberNames)}: {r.ErrorMessage}"));
        }
    }
}
