using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Drape.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class EngineFallback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "degraded_reason",
                table: "tryon_results",
                type: "TEXT",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "degraded_reason",
                table: "tryon_results");
        }
    }
}
