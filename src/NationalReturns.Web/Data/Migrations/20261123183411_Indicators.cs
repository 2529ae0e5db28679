using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NationalReturns.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Indicators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "indicator_values",
                columns: table => new
                {
                    indicator_id = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    level = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    area_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    numerator = table.Column<long>(type: "bigint", nullable: true),
                    denominator = table.Column<double>(type: "double precision", nullable: true),
                    value = table.Column<double>(type: "double precision", nullable: true),
                    lower95 = table.Column<double>(type: "double precision", nullable: true),
                    upper95 = table.Column<double>(type: "double precision", nullable: true),
                    lower998 = table.Column<double>(type: "double precision", nullable: true),
                    upper998 = table.Column<double>(type: "double precision", nullable: true),
                    symbol = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    included = table.Column<int>(type: "integer", nullable: false),
                    of = table.Column<int>(type: "integer", nullable: false),
                    compared_with_england = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    compared_with_region = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    neighbours_median = table.Column<double>(type: "double precision", nullable: true),
                    neighbours_included = table.Column<int>(type: "integer", nullable: false),
                    neighbours_numerator = table.Column<long>(type: "bigint", nullable: true),
                    neighbours_denominator = table.Column<double>(type: "double precision", nullable: true),
                    neighbours_value = table.Column<double>(type: "double precision", nullable: true),
                    neighbours_lower95 = table.Column<double>(type: "double precision", nullable: true),
                    neighbours_upper95 = table.Column<double>(type: "double precision", nullable: true),
                    rank = table.Column<int>(type: "integer", nullable: true),
                    rank_of = table.Column<int>(type: "integer", nullable: true),
                    quartile = table.Column<int>(type: "integer", nullable: true),
                    change_since_previous = table.Column<double>(type: "double precision", nullable: true),
                    change_since_previous_significance = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true),
                    change_since_year_earlier = table.Column<double>(type: "double precision", nullable: true),
                    change_since_year_earlier_significance = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true),
                    trend = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    trend_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_indicator_values", x => new { x.indicator_id, x.level, x.area_code, x.period });
                });

            migrationBuilder.CreateIndex(
                name: "ix_indicator_values_area_code_period_start",
                table: "indicator_values",
                columns: new[] { "area_code", "period_start" });

            migrationBuilder.CreateIndex(
                name: "ix_indicator_values_indicator_id_period_level",
                table: "indicator_values",
                columns: new[] { "indicator_id", "period", "level" });

            migrationBuilder.CreateIndex(
                name: "ix_indicator_values_period_start",
                table: "indicator_values",
                column: "period_start");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "indicator_values");
        }
    }
}
