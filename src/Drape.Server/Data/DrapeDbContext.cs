using Microsoft.EntityFrameworkCore;

namespace Drape.Server.Data;

public sealed class DrapeDbContext(DbContextOptions<DrapeDbContext> options) : DbContext(options)
{
    public DbSet<Job> Jobs => Set<Job>();

    public DbSet<TryOnResult> TryOnResults => Set<TryOnResult>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<CatalogProduct> CatalogProducts => Set<CatalogProduct>();

    /// <summary>Every timestamp is UTC; SQLite keeps no kind, so it is restored on read.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
        value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Job>(job =>
        {
            job.ToTable("jobs");
            job.Property(j => j.Kind).HasMaxLength(32);
            job.Property(j => j.Status).HasConversion(s => s.ToWire(), s => Enum.Parse<JobStatus>(s, true)).HasMaxLength(16);
            job.Property(j => j.UserId).HasMaxLength(128);
            job.Property(j => j.IdempotencyKey).HasMaxLength(400);
            job.Property(j => j.RequestHash).HasMaxLength(64);
            job.Property(j => j.WebhookUrl).HasMaxLength(2048);
            job.Property(j => j.LeaseOwner).HasMaxLength(128);
            job.HasIndex(j => new { j.Status, j.NotBefore, j.CreatedAt });
            job.HasIndex(j => j.ExpiresAt);
            job.HasIndex(j => j.BatchId);
            job.HasIndex(j => j.IdempotencyKey).IsUnique().HasFilter("idempotency_key IS NOT NULL");
        });

        modelBuilder.Entity<TryOnResult>(result =>
        {
            result.ToTable("tryon_results");
            result.Property(r => r.Category).HasMaxLength(16);
            result.Property(r => r.Engine).HasMaxLength(32);
            result.Property(r => r.UserId).HasMaxLength(128);
            result.HasIndex(r => r.JobId);
            result.HasIndex(r => r.ExpiresAt);
            result.HasIndex(r => new { r.UserId, r.CreatedAt });
        });

        modelBuilder.Entity<WebhookDelivery>(delivery =>
        {
            delivery.ToTable("webhook_deliveries");
            delivery.Property(d => d.Url).HasMaxLength(2048);
            delivery.Property(d => d.Status).HasConversion(s => s.ToString().ToLowerInvariant(), s => Enum.Parse<WebhookDeliveryStatus>(s, true)).HasMaxLength(16);
            delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
            delivery.HasIndex(d => d.JobId);
        });

        modelBuilder.Entity<CatalogProduct>(product =>
        {
            product.ToTable("catalog_products");
            product.Property(p => p.Sku).HasMaxLength(128);
            product.Property(p => p.Title).HasMaxLength(300);
            product.Property(p => p.Description).HasMaxLength(4000);
            product.Property(p => p.Currency).HasMaxLength(3);
            product.Property(p => p.Category).HasMaxLength(16);
            product.Property(p => p.Colour).HasMaxLength(64);
            product.Property(p => p.ColourHex).HasMaxLength(7);
            product.Property(p => p.ImageUrl).HasMaxLength(2048);
            product.Property(p => p.ImageKey).HasMaxLength(256);
            product.Property(p => p.ProductUrl).HasMaxLength(2048);
            product.HasIndex(p => p.Sku).IsUnique();
            product.HasIndex(p => new { p.Category, p.Price });
        });

        SnakeCaseNames.Apply(modelBuilder);
    }
}
