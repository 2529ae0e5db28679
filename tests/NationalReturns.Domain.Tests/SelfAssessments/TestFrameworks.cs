using NationalReturns.Domain.SelfAssessments;

namespace NationalReturns.Domain.Tests.SelfAssessments;

/// <summary>The two real framework definitions from db/reference-data, and small hand-built frameworks for arithmetic.</summary>
public static class TestFrameworks
{
    private static readonly Lazy<Framework> EhsgDefinition = new(() => Load("ehsg-v1.json"));
    private static readonly Lazy<Framework> DmmDefinition = new(() => Load("dmm-v1.json"));

    /// <summary>The Early Help System Guide, version 1, as committed.</summary>
    public static Framework Ehsg => EhsgDefinition.Value;

    /// <summary>The Data Maturity Model, version 1, as committed.</summary>
    public static Framework Dmm => DmmDefinition.Value;

    /// <summary>
    /// Four levels (Early..Mature) and three areas with 2, 3 and 4 descriptors:
    /// a = A1, A2; b = B1, B2, B3; c = C1, C2, C3, C4.
    /// </summary>
    public static Framework FourLevels { get; } = new(
        "test", 1, "Test framework", "Test framework", "area", false, "",
        [
            new MaturityLevel(1, "Early", ""),
            new MaturityLevel(2, "Developing", ""),
            new MaturityLevel(3, "Maturing", ""),
            new MaturityLevel(4, "Mature", ""),
        ],
        [
            new FrameworkArea("a", "Area A", "", [new Descriptor("A1", "a one"), new Descriptor("A2", "a two")]),
            new FrameworkArea("b", "Area B", "", [new Descriptor("B1", "b one"), new Descriptor("B2", "b two"), new Descriptor("B3", "b three")]),
            new FrameworkArea("c", "Area C", "", [new Descriptor("C1", "c one"), new Descriptor("C2", "c two"), new Descriptor("C3", "c three"), new Descriptor("C4", "c four")]),
        ]);

    /// <summary>Five levels (Beginning..Mastering) and two dimensions: x = X1, X2, X3; y = Y1, Y2.</summary>
    public static Framework FiveLevels { get; } = new(
        "test5", 1, "Five-level test framework", "Five-level test framework", "dimension", false, "",
        [
            new MaturityLevel(1, "Beginning", ""),
            new MaturityLevel(2, "Emerging", ""),
            new MaturityLevel(3, "Learning", ""),
            new MaturityLevel(4, "Developing", ""),
            new MaturityLevel(5, "Mastering", ""),
        ],
        [
            new FrameworkArea("x", "Dimension X", "", [new Descriptor("X1", "x one"), new Descriptor("X2", "x two"), new Descriptor("X3", "x three")]),
            new FrameworkArea("y", "Dimension Y", "", [new Descriptor("Y1", "y one"), new Descriptor("Y2", "y two")]),
        ]);

    public static string RepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NationalReturns.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Could not find NationalReturns.sln above the test binaries.");
    }

    public static string DefinitionJson(string fileName) =>
        File.ReadAllText(Path.Combine(RepoRoot(), "db", "reference-data", "frameworks", fileName));

    /// <summary>Every descriptor of the framework at one level.</summary>
    public static Dictionary<string, int> AllAt(Framework framework, int level) =>
        framework.Descriptors.ToDictionary(d => d.Code, _ => level);

    /// <summary>Every descriptor at <paramref name="level"/> except those of the named areas, which are at their own level.</summary>
    public static Dictionary<string, int> AllAt(Framework framework, int level, params (string AreaCode, int Level)[] areas)
    {
        var levels = AllAt(framework, level);
        foreach (var (areaCode, areaLevel) in areas)
        {
            foreach (var descriptor in framework.Area(areaCode)!.Descriptors)
            {
                levels[descriptor.Code] = areaLevel;
            }
        }

        return levels;
    }

    private static Framework Load(string fileName)
    {
        var reading = FrameworkDefinition.Read(DefinitionJson(fileName));
        return reading.Framework ?? throw new InvalidOperationException($"{fileName}: {string.Join("; ", reading.Errors)}");
    }
}
