using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Drape.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class Catalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "catalog_products",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    price = table.Column<double>(type: "REAL", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    colour = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    colour_hex = table.Column<string>(type: "TEXT", maxLength: 7, nullable: true),
                    image_url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    image_key = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    product_url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    imported_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_products", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_category_price",
                table: "catalog_products",
                columns: new[] { "category", "price" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_sku",
                table: "catalog_products",
                column: "sku",
                unique: true);

            // Full-text index over the catalogue (external content: the rows stay in catalog_products).
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE catalog_fts USING fts5(
                    title, description, category, colour,
                    content='catalog_products', content_rowid='rowid', tokenize='porter unicode61');
                CREATE TRIGGER catalog_products_ai AFTER INSERT ON catalog_products BEGIN
                    INSERT INTO catalog_fts(rowid, title, description, category, colour)
                    VALUES (new.rowid, new.title, coalesce(new.description, ''), new.category, coalesce(new.colour, ''));
                END;
                CREATE TRIGGER catalog_products_ad AFTER DELETE ON catalog_products BEGIN
                    INSERT INTO catalog_fts(catalog_fts, rowid, title, description, category, colour)
                    VALUES ('delete', old.rowid, old.title, coalesce(old.description, ''), old.category, coalesce(old.colour, ''));
                END;
                CREATE TRIGGER catalog_products_au AFTER UPDATE ON catalog_products BEGIN
                    INSERT INTO catalog_fts(catalog_fts, rowid, title, description, category, colour)
                    VALUES ('delete', old.rowid, old.title, coalesce(old.description, ''), old.category, coalesce(old.colour, ''));
                    INSERT INTO catalog_fts(rowid, title, description, category, colour)
                    VALUES (new.rowid, new.title, coalesce(new.description, ''), new.category, coalesce(new.colour, ''));
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS catalog_products_au;
                DROP TRIGGER IF EXISTS catalog_products_ad;
                DROP TRIGGER IF EXISTS catalog_products_ai;
                DROP TABLE IF EXISTS catalog_fts;
                """);

            migrationBuilder.DropTable(
                name: "catalog_products");
        }
    }
}
