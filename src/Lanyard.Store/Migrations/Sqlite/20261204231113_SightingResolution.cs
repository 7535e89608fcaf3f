using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lanyard.Store.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SightingResolution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ResolvedAt",
                table: "secret_sightings",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ResolvedAt",
                table: "secret_sightings");
        }
    }
}
