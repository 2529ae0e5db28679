using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace NationalReturns.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class WorkflowPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Dictionary<string, string>>(
                name: "form_values",
                table: "return_versions",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'{}'::jsonb");

            migrationBuilder.AddColumn<bool>(
                name: "rows_kept",
                table: "return_versions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "return_reminders",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    authority_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    sent_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recipients = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_return_reminders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "version_rows",
                columns: table => new
                {
                    return_version_id = table.Column<int>(type: "integer", nullable: false),
                    sheet = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    row_number = table.Column<int>(type: "integer", nullable: false),
                    cells = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_version_rows", x => new { x.return_version_id, x.sheet, x.row_number });
                    table.ForeignKey(
                        name: "fk_version_rows_return_versions_return_version_id",
                        column: x => x.return_version_id,
                        principalTable: "return_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_return_reminders_period_authority_code_sent_at",
                table: "return_reminders",
                columns: new[] { "period", "authority_code", "sent_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "return_reminders");

            migrationBuilder.DropTable(
                name: "version_rows");

            migrationBuilder.DropColumn(
                name: "form_values",
                table: "return_versions");

            migrationBuilder.DropColumn(
                name: "rows_kept",
                table: "return_versions");
        }
    }
}
