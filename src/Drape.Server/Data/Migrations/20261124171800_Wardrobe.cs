using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Drape.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class Wardrobe : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "avatar_id",
                table: "tryon_results",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "garment_id",
                table: "tryon_results",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "avatars",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    image_key = table.Column<string>(type: "TEXT", nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    thumbnail_key = table.Column<string>(type: "TEXT", nullable: false),
                    width = table.Column<int>(type: "INTEGER", nullable: false),
                    height = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_avatars", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "garments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    tags = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    brand = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    colours = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    primary_colour = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    original_key = table.Column<string>(type: "TEXT", nullable: false),
                    cutout_key = table.Column<string>(type: "TEXT", nullable: false),
                    thumbnail_key = table.Column<string>(type: "TEXT", nullable: false),
                    width = table.Column<int>(type: "INTEGER", nullable: false),
                    height = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_garments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "user_preferences",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    palette = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    sizes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    styles = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_preferences", x => x.user_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_avatars_user_id_created_at",
                table: "avatars",
                columns: new[] { "user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_garments_user_id_created_at_id",
                table: "garments",
                columns: new[] { "user_id", "created_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "avatars");

            migrationBuilder.DropTable(
                name: "garments");

            migrationBuilder.DropTable(
                name: "user_preferences");

            migrationBuilder.DropColumn(
                name: "avatar_id",
                table: "tryon_results");

            migrationBuilder.DropColumn(
                name: "garment_id",
                table: "tryon_results");
        }
    }
}
