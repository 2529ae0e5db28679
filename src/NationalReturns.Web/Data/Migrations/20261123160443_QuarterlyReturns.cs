using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace NationalReturns.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class QuarterlyReturns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "authority_returns",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    authority_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_authority_returns", x => x.id);
                    table.ForeignKey(
                        name: "fk_authority_returns_local_authorities_authority_code",
                        column: x => x.authority_code,
                        principalTable: "local_authorities",
                        principalColumn: "ons_code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "uploaded_files",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    file_name = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    content_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    uploaded_from = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_uploaded_files", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "return_versions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    authority_return_id = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    uploaded_file_id = table.Column<long>(type: "bigint", nullable: false),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    template_version = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    rejection_kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    rejection_reason = table.Column<string>(type: "text", nullable: true),
                    figures = table.Column<Dictionary<string, long>>(type: "jsonb", nullable: false),
                    error_count = table.Column<int>(type: "integer", nullable: false),
                    query_count = table.Column<int>(type: "integer", nullable: false),
                    family_rows = table.Column<int>(type: "integer", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_milliseconds = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_return_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_return_versions_authority_returns_authority_return_id",
                        column: x => x.authority_return_id,
                        principalTable: "authority_returns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_return_versions_uploaded_files_uploaded_file_id",
                        column: x => x.uploaded_file_id,
                        principalTable: "uploaded_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "query_explanations",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    return_version_id = table.Column<int>(type: "integer", nullable: false),
                    rule_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    explained_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    explained_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    carried_from_version_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_query_explanations", x => x.id);
                    table.ForeignKey(
                        name: "fk_query_explanations_return_versions_return_version_id",
                        column: x => x.return_version_id,
                        principalTable: "return_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "return_issues",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    return_version_id = table.Column<int>(type: "integer", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    severity = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    sheet = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    cell = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    field = table.Column<string>(type: "text", nullable: true),
                    value = table.Column<string>(type: "text", nullable: true),
                    message = table.Column<string>(type: "text", nullable: false),
                    other_cells = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_return_issues", x => x.id);
                    table.ForeignKey(
                        name: "fk_return_issues_return_versions_return_version_id",
                        column: x => x.return_version_id,
                        principalTable: "return_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_authority_returns_authority_code_period",
                table: "authority_returns",
                columns: new[] { "authority_code", "period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_authority_returns_period",
                table: "authority_returns",
                column: "period");

            migrationBuilder.CreateIndex(
                name: "ix_query_explanations_return_version_id_rule_code",
                table: "query_explanations",
                columns: new[] { "return_version_id", "rule_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_return_issues_return_version_id_sequence",
                table: "return_issues",
                columns: new[] { "return_version_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_return_versions_authority_return_id_number",
                table: "return_versions",
                columns: new[] { "authority_return_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_return_versions_uploaded_file_id",
                table: "return_versions",
                column: "uploaded_file_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "query_explanations");

            migrationBuilder.DropTable(
                name: "return_issues");

            migrationBuilder.DropTable(
                name: "return_versions");

            migrationBuilder.DropTable(
                name: "authority_returns");

            migrationBuilder.DropTable(
                name: "uploaded_files");
        }
    }
}
