using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace NationalReturns.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Workflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "published_at",
                table: "authority_returns",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "published_version_id",
                table: "authority_returns",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "authority_returns",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "return_transition",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    authority_return_id = table.Column<int>(type: "integer", nullable: false),
                    action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    from = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    to = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    version_number = table.Column<int>(type: "integer", nullable: true),
                    comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_return_transition", x => x.id);
                    table.ForeignKey(
                        name: "fk_return_transition_authority_returns_authority_return_id",
                        column: x => x.authority_return_id,
                        principalTable: "authority_returns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_authority_returns_published_version_id",
                table: "authority_returns",
                column: "published_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_return_transition_authority_return_id_at",
                table: "return_transition",
                columns: new[] { "authority_return_id", "at" });

            migrationBuilder.AddForeignKey(
                name: "fk_authority_returns_return_versions_published_version_id",
                table: "authority_returns",
                column: "published_version_id",
                principalTable: "return_versions",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_authority_returns_return_versions_published_version_id",
                table: "authority_returns");

            migrationBuilder.DropTable(
                name: "return_transition");

            migrationBuilder.DropIndex(
                name: "ix_authority_returns_published_version_id",
                table: "authority_returns");

            migrationBuilder.DropColumn(
                name: "published_at",
                table: "authority_returns");

            migrationBuilder.DropColumn(
                name: "published_version_id",
                table: "authority_returns");

            migrationBuilder.DropColumn(
                name: "revision",
                table: "authority_returns");
        }
    }
}
