using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace PatentNav.Text;

/// <summary>
/// The patent stop list: boilerplate of Chinese patent language (一种, 所述, 其特征在于, 包括, 方法 …) and function words, on
/// top of SmartCn's default punctuation stop set.
/// </summary>
/// <remarks>SmartCn's default stop set is punctuation only, so without this list these words dominate MoreLikeThis,
/// clustering and classification features. The list applies to the word-segmented fields only: the CJK bigram shadow
/// fields keep every character so a phrase query still matches text that contains these words.</remarks>
public static class PatentStopWords
{
    /// <summary>The words, as segmented by SmartCn (so multi-word boilerplate appears as its parts).</summary>
    public static IReadOnlyList<string> Words { get; } =
    [
        // Function words and particles.
        "的", "了", "和", "与", "及", "或", "等", "在", "是", "为", "对", "于", "以", "由", "将", "把", "被", "从", "中", "上", "下",
        "其", "该", "此", "这", "那", "并", "且", "而", "之", "也", "又", "使", "用", "可", "能", "有", "个", "各", "每", "至", "到",
        "向", "通过", "进行", "具有", "设有", "采用", "利用", "使用", "以及", "或者", "并且", "其中", "所", "述", "所述", "如",
        "根据", "按照", "基于", "及其", "一", "二", "三", "种", "一种", "多个", "若干", "至少", "分别", "相应", "一个", "两个",
        // Patent boilerplate (segmented 其/特征/在于; 本发明 is one word with jieba's vocabulary, 本/发明 with SmartCn's alone).
        "本", "发明", "实用新型", "本发明", "本实用新型", "申请", "公开", "涉及", "提供", "特征", "在于", "包括", "包含", "由此", "从而", "因此",
        "方法", "装置", "系统", "设备", "步骤", "技术", "领域", "权利", "要求", "实施", "实施例", "优选", "所示", "如下",
        "得到", "获得", "实现", "解决", "问题", "效果", "目的", "有益", "简单", "结构", "本申请",
        // Latin boilerplate found in bilingual abstracts.
        "a", "an", "the", "of", "and", "or", "in", "to", "for", "with", "by", "on", "is", "are", "said", "wherein",
    ];

    /// <summary>The stop set for Lucene analyzers: <see cref="Words"/> plus SmartCn's punctuation set. Read-only, shared.</summary>
    public static CharArraySet Set { get; } = Build();

    private static CharArraySet Build()
    {
        // Case-sensitive on purpose: SmartCn lower-cases Latin tokens already, and an ignore-case set lower-cases every
        // character of every token through ICU.
        var set = new CharArraySet(LuceneVersion.LUCENE_48, Words.Count + 64, ignoreCase: false);
        foreach (var w in SmartChineseAnalyzer.DefaultStopSet)
        {
            set.Add(w);
        }

        foreach (var w in Words)
        {
            set.Add(w);
        }

        return set.AsReadOnly();
    }
}
