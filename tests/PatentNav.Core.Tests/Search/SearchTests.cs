using PatentNav.Import;
using PatentNav.Records;
using PatentNav.Search;

namespace PatentNav.Tests.Search;

[Collection(nameof(SearchCorpus))]
public sealed class SearchTests(SearchCorpus corpus)
{
    private PatentWorkspace Ws => corpus.Workspace;

    [Fact]
    public void Import_SampleSlice_AllImported()
    {
        Assert.Equal(ImportState.Completed, corpus.Report.State);
        Assert.Equal(corpus.Records.Count, corpus.Report.Imported);
        Assert.Equal(0, corpus.Report.Rejected);
        Assert.Equal(corpus.Records.Count, Ws.Search.DocumentCount);
    }

    [Theory]
    [InlineData("碳纤维")] // SmartCn: 碳/纤维
    [InlineData("石墨烯")] // SmartCn: 石墨/烯
    [InlineData("锂离子电池")] // SmartCn: 锂/离子/电池
    public async Task Search_TermSmartCnSplits_FindsExactlyTheRecordsContainingIt(string term)
    {
        var expected = corpus.Containing(term).Select(r => r.PublicationNumber.Value).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);

        var result = await Ws.Search.SearchAsync(new SearchRequest { Query = term, Size = 1000, Highlight = false });

        Assert.Equal(expected, result.Items.Select(i => i.PublicationNumber).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Search_Photoresist_FoundThroughBigramField()
    {
        var result = await Ws.Search.SearchAsync(new SearchRequest { Query = "光刻胶" });

        var hit = Assert.Single(result.Items);
        Assert.Equal("ZZ9900001A", hit.PublicationNumber);
        Assert.Contains("<em>光刻胶</em>", hit.Highlights["title"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_TwoWords_AllMustMatch()
    {
        var both = corpus.Records.Where(r => corpus.Containing("锂离子电池").Contains(r) && corpus.Containing("正极").Contains(r)).ToList();

        var result = await Ws.Search.SearchAsync(new SearchRequest { Query = "锂离子电池 正极", Size = 100 });

        Assert.Equal(both.Count, result.Total);
        Assert.All(result.Items, i => Assert.Contains(both, r => r.PublicationNumber.Value == i.PublicationNumber));
    }

    [Fact]
    public async Task Search_QuotedPhrase_MatchesContiguousTextOnly()
    {
        var expected = corpus.Containing("复合材料").Count;

        var result = await Ws.Search.SearchAsync(new SearchRequest { Query = "\"复合材料\"", Size = 1, Highlight = false });

        Assert.Equal(expected, result.Total);
    }

    [Theory]
    [InlineData("A", true)]
    [InlineData("A61", true)]
    [InlineData("A61K", true)]
    [InlineData("A61K 31", true)]
    [InlineData("A61K31/00", true)]
    [InlineData("A61K 31/4439", true)]
    [InlineData("A61K31/4439(2006.01)", true)]
    [InlineData("A61K 33", false)]
    [InlineData("A61K 31/44", false)]
    public async Task Search_IpcPrefixAtEachLevel_MatchesCodesUnderIt(string prefix, bool expectPhotoresist)
    {
        var result = await Ws.Search.SearchAsync(new SearchRequest { Ipc = [prefix], Size = 1000, Highlight = false });

        Assert.Equal(expectPhotoresist, result.Items.Any(i => i.PublicationNumber == "ZZ9900001A"));
    }

    [Fact]
    public async Task Search_IpcSubclass_CountsEqualRecordsWithThatSubclass()
    {
        var expected = corpus.Records.Count(r => r.Ipc.Any(c => c.Subclass == "G06F"));

        var result = await Ws.Search.SearchAsync(new SearchRequest { Ipc = ["G06F"], Size = 1, Highlight = false });

        Assert.Equal(expected, result.Total);
    }

    [Fact]
    public async Task Search_Facets_CountOverAllMatches()
    {
        var result = await Ws.Search.SearchAsync(new SearchRequest { Query = "装置", Size = 1, Facets = FacetNames.All, FacetSize = 100, Highlight = false });

        Assert.NotNull(result.Facets);
        Assert.Equal(result.Total, result.Facets[FacetNames.Kind].Sum(v => v.Count));
        Assert.Equal(result.Total, result.Facets[FacetNames.Status].Sum(v => v.Count));
        var matches = corpus.Containing("装置");
        var expectedYears = matches.Where(r => (r.FilingDate ?? r.PublicationDate) is not null)
            .GroupBy(r => (r.FilingDate ?? r.PublicationDate)!.Value.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        Assert.Equal(expectedYears, result.Facets[FacetNames.Year].ToDictionary(v => v.Value, v => v.Count, StringComparer.Ordinal));
        Assert.Contains(result.Facets[FacetNames.Region], v => v.Value == "32" && v.Label == "江苏省");
    }

    [Fact]
    public async Task Search_RegionByCodeOrName_SameResult()
    {
        var byCode = await Ws.Search.SearchAsync(new SearchRequest { Region = "3207", Size = 1, Highlight = false });
        var byName = await Ws.Search.SearchAsync(new SearchRequest { Region = "连云港", Size = 1, Highlight = false });
        var byFullName = await Ws.Search.SearchAsync(new SearchRequest { Region = "连云港市", Size = 1, Highlight = false });

        Assert.Equal(corpus.Records.Count(r => r.Region?.CityCode == "3207"), byCode.Total);
        Assert.Equal(byCode.Total, byName.Total);
        Assert.Equal(byCode.Total, byFullName.Total);
    }

    [Fact]
    public async Task Search_ApplicantPart_MatchesNamesContainingIt()
    {
        var name = corpus.Records.First(r => r.Applicants.Count > 0 && r.Applicants[0].Contains("大学", StringComparison.Ordinal)).Applicants[0];
        var part = name.Replace("（示例）", string.Empty, StringComparison.Ordinal);
        var expected = corpus.Records.Count(r => r.Applicants.Concat(r.CurrentHolders).Any(a => a.Contains(part, StringComparison.Ordinal)));

        var result = await Ws.Search.SearchAsync(new SearchRequest { Applicant = part, Size = 1, Highlight = false });

        Assert.Equal(expected, result.Total);
    }

    [Fact]
    public async Task Search_DateRangeAndSort_FiltersAndOrders()
    {
        var from = new DateOnly(2020, 1, 1);
        var to = new DateOnly(2021, 12, 31);
        var expected = corpus.Records.Count(r => r.FilingDate >= from && r.FilingDate <= to);

        var result = await Ws.Search.SearchAsync(new SearchRequest { From = from, To = to, Sort = SearchSort.DateDesc, Size = 1000, Highlight = false });

        Assert.Equal(expected, result.Total);
        var dates = result.Items.Select(i => i.Record.FilingDate!.Value).ToList();
        Assert.Equal(dates.OrderByDescending(d => d).ToList(), dates);
        Assert.All(result.Items, i => Assert.True(float.IsNaN(i.Score)));
    }

    [Theory]
    [InlineData(SearchSort.Relevance)]
    [InlineData(SearchSort.DateDesc)]
    [InlineData(SearchSort.DateAsc)]
    public async Task Search_CursorPaging_SameOrderAsOnePageNoDuplicates(SearchSort sort)
    {
        var request = new SearchRequest { Query = "方法 装置", Sort = sort, Highlight = false };
        var all = await Ws.Search.SearchAsync(request with { Size = 1000 });
        Assert.InRange(all.Total, 20, 999);

        var paged = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Ws.Search.SearchAsync(request with { Size = 7, Cursor = cursor });
            paged.AddRange(page.Items.Select(i => i.PublicationNumber));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(all.Items.Select(i => i.PublicationNumber).ToList(), paged);
    }

    [Fact]
    public async Task Search_Highlights_MergedAndEscaped()
    {
        var result = await Ws.Search.SearchAsync(new SearchRequest { Query = "碳纤维", Size = 50 });

        var withAbstract = result.Items.First(i => i.Highlights.ContainsKey("abstract"));
        Assert.Contains("<em>碳纤维</em>", withAbstract.Highlights["abstract"][0], StringComparison.Ordinal);
        Assert.DoesNotContain("&#", withAbstract.Highlights["abstract"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_TwoMatchesInOneRunOfText_MarksOnlyTheMatchedCharacters()
    {
        var result = await Ws.Search.SearchAsync(new SearchRequest { Query = "pn:ZZ9900003A AND title:电池" });

        var title = Assert.Single(result.Items).Highlights["title"][0];
        Assert.Equal("<em>电池</em>包和储能<em>电池</em> &amp; &lt;外壳&gt;", title);
    }

    [Theory]
    [InlineData("pn:ZZ9900003A AND title:储能", "电池包和<em>储能</em>电池 &amp; &lt;外壳&gt;")]
    [InlineData("pn:ZZ9900003A AND title:包和", "电池<em>包和</em>储能电池 &amp; &lt;外壳&gt;")]
    [InlineData("pn:ZZ9900003A AND title:(储能 OR 外壳)", "电池包和<em>储能</em>电池 &amp; &lt;<em>外壳</em>&gt;")]
    public async Task Search_MatchInsideARunOfText_TextAroundItAppearsOnce(string query, string expected)
    {
        // Earlier builds wrote the run's text before and after the match twice (电池包和电池包和<em>储能</em>电池电池 …).
        var result = await Ws.Search.SearchAsync(new SearchRequest { Query = query });

        Assert.Equal(expected, Assert.Single(Assert.Single(result.Items).Highlights["title"]));
    }

    [Theory]
    [InlineData("title:(碳纤维", 7)]
    [InlineData("\"碳纤维", 1)]
    [InlineData("碳纤维 AND", null)]
    public async Task Search_SyntaxError_ReportsPosition(string query, int? position)
    {
        var ex = await Assert.ThrowsAsync<QuerySyntaxException>(() => Ws.Search.SearchAsync(new SearchRequest { Query = query }));

        Assert.Equal("q", ex.Parameter);
        if (position is not null)
        {
            Assert.NotNull(ex.Position);
        }

        Assert.StartsWith("query syntax error", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("foo:bar", "unknown field 'foo'")]
    [InlineData("ipc:XYZ", "expected an IPC code")]
    [InlineData("title:碳*", "prefix queries")]
    [InlineData("filed:[2020-13-01 TO 2021]", "range start of filed")]
    public async Task Search_BadField_NamesTheProblem(string query, string message)
    {
        var ex = await Assert.ThrowsAsync<QuerySyntaxException>(() => Ws.Search.SearchAsync(new SearchRequest { Query = query }));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_AdvancedFields_Combine()
    {
        var result = await Ws.Search.SearchAsync(new SearchRequest { Query = "title:光刻胶 AND ipc:G03F AND filed:[20210101 TO 20211231]" });

        Assert.Equal("ZZ9900001A", Assert.Single(result.Items).PublicationNumber);
    }

    [Fact]
    public async Task Search_YearRange_CoversWholeYears()
    {
        var expected = corpus.Records.Count(r => r.FilingDate?.Year is 2020 or 2021);

        var result = await Ws.Search.SearchAsync(new SearchRequest { Query = "filed:[2020 TO 2021]", Size = 1, Highlight = false });
        var single = await Ws.Search.SearchAsync(new SearchRequest { Query = "filed:2020", Size = 1, Highlight = false });

        Assert.Equal(expected, result.Total);
        Assert.Equal(corpus.Records.Count(r => r.FilingDate?.Year == 2020), single.Total);
    }

    [Fact]
    public async Task Search_BadCursor_Rejected()
    {
        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => Ws.Search.SearchAsync(new SearchRequest { Query = "装置", Cursor = "not-a-cursor" }));

        Assert.Equal("cursor", ex.Parameter);
    }

    [Fact]
    public async Task Get_AnyWrittenForm_FindsRecord()
    {
        var record = corpus.Records[0];
        var spaced = record.PublicationNumber.Value[..2] + " " + record.PublicationNumber.Value[2..^1] + " " + record.PublicationNumber.Value[^1..];

        var found = await Ws.Search.GetAsync(spaced);

        Assert.NotNull(found);
        Assert.Equal(record.Title, found.Title);
        Assert.Null(await Ws.Search.GetAsync("CN000000000X"));
    }

    [Fact]
    public async Task Similar_KnownPatent_ReturnsOthersSharingItsWords()
    {
        var source = corpus.Containing("碳纤维").First(r => r.Abstract is not null);

        var similar = await Ws.Search.FindSimilarAsync(source.PublicationNumber.Value, 5);

        Assert.NotNull(similar);
        Assert.NotEmpty(similar);
        Assert.DoesNotContain(similar, s => s.PublicationNumber == source.PublicationNumber.Value);
        Assert.Null(await Ws.Search.FindSimilarAsync("CN000000000X"));
    }
}
