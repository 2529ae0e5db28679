using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace NationalReturns.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialReferenceData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reference_data_imports",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    loaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reference_data_imports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "regions",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    parent_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_regions", x => x.code);
                    table.ForeignKey(
                        name: "fk_regions_regions_parent_code",
                        column: x => x.parent_code,
                        principalTable: "regions",
                        principalColumn: "code");
                });

            migrationBuilder.CreateTable(
                name: "local_authorities",
                columns: table => new
                {
                    ons_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    dfe_code = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    region_code = table.Column<string>(type: "character varying(9)", nullable: false),
                    sub_region_code = table.Column<string>(type: "character varying(9)", nullable: true),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: true),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true),
                    hex_column = table.Column<int>(type: "integer", nullable: true),
                    hex_row = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_local_authorities", x => x.ons_code);
                    table.ForeignKey(
                        name: "fk_local_authorities_regions_region_code",
                        column: x => x.region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_local_authorities_regions_sub_region_code",
                        column: x => x.sub_region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "authority_successions",
                columns: table => new
                {
                    predecessor_code = table.Column<string>(type: "character varying(9)", nullable: false),
                    successor_code = table.Column<string>(type: "character varying(9)", nullable: false),
                    took_effect = table.Column<DateOnly>(type: "date", nullable: false),
                    change = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_authority_successions", x => new { x.predecessor_code, x.successor_code });
                    table.ForeignKey(
                        name: "fk_authority_successions_local_authorities_predecessor_code",
                        column: x => x.predecessor_code,
                        principalTable: "local_authorities",
                        principalColumn: "ons_code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_authority_successions_local_authorities_successor_code",
                        column: x => x.successor_code,
                        principalTable: "local_authorities",
                        principalColumn: "ons_code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "household_estimates",
                columns: table => new
                {
                    authority_code = table.Column<string>(type: "character varying(9)", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    basis = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    households = table.Column<int>(type: "integer", nullable: false),
                    source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_household_estimates", x => new { x.authority_code, x.year, x.basis });
                    table.CheckConstraint("ck_household_estimate_households", "households >= 0");
                    table.ForeignKey(
                        name: "fk_household_estimates_local_authorities_authority_code",
                        column: x => x.authority_code,
                        principalTable: "local_authorities",
                        principalColumn: "ons_code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lower_tier_authorities",
                columns: table => new
                {
                    ons_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    upper_tier_code = table.Column<string>(type: "character varying(9)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lower_tier_authorities", x => x.ons_code);
                    table.ForeignKey(
                        name: "fk_lower_tier_authorities_local_authorities_upper_tier_code",
                        column: x => x.upper_tier_code,
                        principalTable: "local_authorities",
                        principalColumn: "ons_code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "population_estimates",
                columns: table => new
                {
                    authority_code = table.Column<string>(type: "character varying(9)", nullable: false),
                    mid_year = table.Column<int>(type: "integer", nullable: false),
                    age_band = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    series = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    population = table.Column<int>(type: "integer", nullable: false),
                    source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_population_estimates", x => new { x.authority_code, x.mid_year, x.age_band, x.series });
                    table.CheckConstraint("ck_population_estimate_population", "population >= 0");
                    table.ForeignKey(
                        name: "fk_population_estimates_local_authorities_authority_code",
                        column: x => x.authority_code,
                        principalTable: "local_authorities",
                        principalColumn: "ons_code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "statistical_neighbours",
                columns: table => new
                {
                    authority_code = table.Column<string>(type: "character varying(9)", nullable: false),
                    rank = table.Column<int>(type: "integer", nullable: false),
                    neighbour_code = table.Column<string>(type: "character varying(9)", nullable: false),
                    closeness = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_statistical_neighbours", x => new { x.authority_code, x.rank });
                    table.CheckConstraint("ck_statistical_neighbour_rank", "rank BETWEEN 1 AND 10");
                    table.ForeignKey(
                        name: "fk_statistical_neighbours_local_authorities_authority_code",
                        column: x => x.authority_code,
                        principalTable: "local_authorities",
                        principalColumn: "ons_code",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_statistical_neighbours_local_authorities_neighbour_code",
                        column: x => x.neighbour_code,
                        principalTable: "local_authorities",
                        principalColumn: "ons_code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_authority_successions_successor_code",
                table: "authority_successions",
                column: "successor_code");

            migrationBuilder.CreateIndex(
                name: "ix_local_authorities_dfe_code",
                table: "local_authorities",
                column: "dfe_code",
                unique: true,
                filter: "valid_to IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_local_authorities_region_code",
                table: "local_authorities",
                column: "region_code");

            migrationBuilder.CreateIndex(
                name: "ix_local_authorities_sub_region_code",
                table: "local_authorities",
                column: "sub_region_code");

            migrationBuilder.CreateIndex(
                name: "ix_lower_tier_authorities_upper_tier_code",
                table: "lower_tier_authorities",
                column: "upper_tier_code");

            migrationBuilder.CreateIndex(
                name: "ix_regions_parent_code",
                table: "regions",
                column: "parent_code");

            migrationBuilder.CreateIndex(
                name: "ix_statistical_neighbours_authority_code_neighbour_code",
                table: "statistical_neighbours",
                columns: new[] { "authority_code", "neighbour_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_statistical_neighbours_neighbour_code",
                table: "statistical_neighbours",
                column: "neighbour_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "authority_successions");

            migrationBuilder.DropTable(
                name: "household_estimates");

            migrationBuilder.DropTable(
                name: "lower_tier_authorities");

            migrationBuilder.DropTable(
                name: "population_estimates");

            migrationBuilder.DropTable(
                name: "reference_data_imports");

            migrationBuilder.DropTable(
                name: "statistical_neighbours");

            migrationBuilder.DropTable(
                name: "local_authorities");

            migrationBuilder.DropTable(
                name: "regions");
        }
    }
}
