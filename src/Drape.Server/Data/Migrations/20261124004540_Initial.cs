using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Drape.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "jobs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    progress = table.Column<int>(type: "INTEGER", nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    batch_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    input = table.Column<string>(type: "TEXT", nullable: false),
                    output = table.Column<string>(type: "TEXT", nullable: true),
                    error_code = table.Column<string>(type: "TEXT", nullable: true),
                    error_message = table.Column<string>(type: "TEXT", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    max_attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    lease_owner = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    lease_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    not_before = table.Column<DateTime>(type: "TEXT", nullable: false),
                    cancel_requested = table.Column<bool>(type: "INTEGER", nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    webhook_url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_jobs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tryon_results",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    job_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    engine = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    person_blob_key = table.Column<string>(type: "TEXT", nullable: true),
                    garment_blob_key = table.Column<string>(type: "TEXT", nullable: true),
                    result_blob_key = table.Column<string>(type: "TEXT", nullable: false),
                    width = table.Column<int>(type: "INTEGER", nullable: false),
                    height = table.Column<int>(type: "INTEGER", nullable: false),
                    duration_ms = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tryon_results", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    job_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    last_status_code = table.Column<int>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", nullable: true),
                    next_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_deliveries", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_batch_id",
                table: "jobs",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_jobs_expires_at",
                table: "jobs",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_jobs_idempotency_key",
                table: "jobs",
                column: "idempotency_key",
                unique: true,
                filter: "idempotency_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_jobs_status_not_before_created_at",
                table: "jobs",
                columns: new[] { "status", "not_before", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tryon_results_expires_at",
                table: "tryon_results",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_tryon_results_job_id",
                table: "tryon_results",
                column: "job_id");

            migrationBuilder.CreateIndex(
                name: "ix_tryon_results_user_id_created_at",
                table: "tryon_results",
                columns: new[] { "user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_job_id",
                table: "webhook_deliveries",
                column: "job_id");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_status_next_attempt_at",
                table: "webhook_deliveries",
                columns: new[] { "status", "next_attempt_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "jobs");

            migrationBuilder.DropTable(
                name: "tryon_results");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");
        }
    }
}
