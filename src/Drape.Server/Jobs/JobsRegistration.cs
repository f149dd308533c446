namespace Drape.Server.Jobs;

public static class JobsRegistration
{
    public static IServiceCollection AddJobs(this IServiceCollection services) => services;
}
