using System.Text;

using Lanyard.Scanning.Detection;

namespace Lanyard.Scanning.Tests.Detection;

public sealed class KeywordFilterTests
{
    private static readonly DetectionEngine Engine = DetectionEngine.Default;

    public static TheoryData<string, bool> EveryKeyword()
    {
        var data = new TheoryData<string, bool>();
        foreach (var detector in DetectorCatalog.CreateAll())
        {
            foreach (var keyword in detector.Keywords)
            {
                data.Add(keyword, true);
            }

            foreach (var keyword in detector.CaseSensitiveKeywords)
            {
                data.Add(keyword, false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryKeyword))]
    public void Every_detector_keyword_is_found_wherever_it_stands_in_the_text(string keyword, bool ignoreCase)
    {
        var written = ignoreCase ? keyword.ToUpperInvariant() : keyword;
        for (var offset = 0; offset < 9; offset++)
        {
            foreach (var after in new[] { string.Empty, " ", "  0", "\n" })
            {
                var text = Encoding.UTF8.GetBytes(new string(' ', offset) + written + after);

                // A keyword that contains another (SharedAccessKey=, AccessKey=) may be reported by the inner one.
                Assert.InRange(Engine.Filter.IndexOfAny(text), offset, offset + keyword.Length - 2);
            }
        }
    }

    [Theory]
    [MemberData(nameof(EveryKeyword))]
    public void A_keyword_selects_the_detectors_that_declared_it(string keyword, bool ignoreCase)
    {
        var selected = new bool[Engine.DetectorCount];
        var detectors = DetectorCatalog.CreateAll();

        var any = Engine.Filter.SelectDetectors(Encoding.UTF8.GetBytes("x = \"" + keyword + "\""), selected);

        Assert.True(any);
        for (var i = 0; i < detectors.Count; i++)
        {
            var declared = (ignoreCase ? detectors[i].Keywords : detectors[i].CaseSensitiveKeywords).Contains(keyword);
            Assert.True(!declared || selected[i], $"{detectors[i].Family} declares '{keyword}' but was not selected");
        }
    }

    [Fact]
    public void Case_sensitive_keywords_match_only_as_written_and_the_others_in_any_case()
    {
        var filter = new KeywordFilter([("password", true, 0), ("ghp_", false, 1), ("SK", false, 2)]);

        Assert.Equal(4, filter.IndexOfAny("db: PassWORD=1"u8));
        Assert.Equal(-1, filter.IndexOfAny("token GHP_ Ghp_ sk task"u8));
        Assert.Equal(2, filter.IndexOfAny("= ghp_"u8));
        Assert.Equal(3, filter.IndexOfAny("id SK"u8));
    }

    [Fact]
    public void Text_without_keywords_passes_without_a_hit()
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(
            "func renderPage(w http.ResponseWriter, count int) { return fmt.Sprintf(\"%d items\", count) }\n", 500)));

        Assert.Equal(-1, Engine.Filter.IndexOfAny(text));
    }

    [Fact]
    public void Keywords_that_are_not_ascii_are_refused_when_the_engine_is_built()
    {
        var error = Assert.Throws<ArgumentException>(() => new KeywordFilter([("mot_de_passé", true, 0)]));

        Assert.Contains("mot_de_passé", error.Message, StringComparison.Ordinal);
    }
}
