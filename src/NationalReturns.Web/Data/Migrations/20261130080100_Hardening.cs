using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NationalReturns.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Hardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "authority_code",
                table: "uploaded_files",
                type: "character varying(9)",
                maxLength: 9,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "period",
                table: "uploaded_files",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rejection_kind",
                table: "uploaded_files",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rejection_reason",
                table: "uploaded_files",
                type: "text",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "cell",
                table: "return_issues",
                type: "character varying(24)",
                maxLength: 24,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldNullable: true);

            migrationBuilder.AddColumn<int>(
                name: "count",
                table: "return_issues",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<bool>(
                name: "count_withheld",
                table: "indicator_values",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "denominator_withheld",
                table: "indicator_values",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "marked_workbooks",
                columns: table => new
                {
                    return_version_id = table.Column<int>(type: "integer", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: true),
                    failure = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    built_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    build_milliseconds = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_marked_workbooks", x => x.return_version_id);
                    table.ForeignKey(
                        name: "fk_marked_workbooks_return_versions_return_version_id",
                        column: x => x.return_version_id,
                        principalTable: "return_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_uploaded_files_authority_code_period",
                table: "uploaded_files",
                columns: new[] { "authority_code", "period" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "marked_workbooks");

            migrationBuilder.DropIndex(
                name: "ix_uploaded_files_authority_code_period",
                table: "uploaded_files");

            migrationBuilder.DropColumn(
                name: "authority_code",
                table: "uploaded_files");

            migrationBuilder.DropColumn(
                name: "period",
                table: "uploaded_files");

            migrationBuilder.DropColumn(
                name: "rejection_kind",
                table: "uploaded_files");

            migrationBuilder.DropColumn(
                name: "rejection_reason",
                table: "uploaded_files");

            migrationBuilder.DropColumn(
                name: "count",
                table: "return_issues");

            migrationBuilder.DropColumn(
                name: "count_withheld",
                table: "indicator_values");

            migrationBuilder.DropColumn(
                name: "denominator_withheld",
                table: "indicator_values");

            migrationBuilder.AlterColumn<string>(
                name: "cell",
                table: "return_issues",
                type: "character varying(12)",
                maxLength: 12,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(24)",
                oldMaxLength: 24,
                oldNullable: true);
        }
    }
}
