namespace PatentNav.Text;

/// <summary>
/// Generic words of patent titles and abstracts (通用词): they say what a document claims to do or how good it is
/// (用于, 制备, 新型, 提高, 便于, 能够 …) or how the text is built (第一, 上述, 之间 …), not which technology it is about.
/// </summary>
/// <remarks>
/// <para>They are not on <see cref="PatentStopWords"/>: search keeps them (a user may well search for 制备), and the
/// <see cref="FeatureTokenizer"/> still returns them. Technology clusters leave them out of their vocabulary and labels,
/// which would otherwise form around 生产/用于/工艺 and read 应用、制备、材料. The list holds frequent words only, and only
/// words that name no technology, material, product or field.</para>
/// <para>Compound terms are unaffected: 智能制造 stays although 制造 alone would be generic; only exact tokens match.</para>
/// </remarks>
public static class GenericPatentTerms
{
    /// <summary>The words, as the <see cref="FeatureTokenizer"/> returns them.</summary>
    public static IReadOnlyList<string> Words { get; } =
    [
        // Purpose, kind of claim and quality claims.
        "用于", "用途", "应用", "制备", "制作", "生产", "工艺", "产品", "新型", "功能", "多功能", "高效", "快速", "便于", "方便", "便捷",
        "适用", "专用", "通用", "综合", "优化", "改进", "提高", "提升", "降低", "减少", "增加", "增强", "改善", "有效", "良好", "稳定",
        "性能", "效率", "质量", "成本", "优点", "相关", "考虑", "面向", "带有", "具备", "含有", "所需", "一体", "一体化", "组合", "组成",
        "结合", "设置", "连接", "固定", "安装", "工作", "过程", "作用", "需求", "条件",
        // Connectives and text structure of abstracts.
        "能够", "可以", "以下", "以上", "第一", "第二", "第三", "同时", "形成", "属于", "之间", "获取", "现有", "时间", "确定", "保证",
        "使得", "方案", "具体", "内部", "作为", "避免", "方式", "加入", "需要", "然后", "产生", "上述", "达到", "位于", "不同", "情况",
        "发生", "范围", "对应", "满足", "整体", "相对", "保持", "完成", "由于", "存在", "配合", "进而", "大大", "针对", "是否", "以便",
        "此外", "其他", "一定", "主要", "更加", "进一步", "较高", "较低",
    ];

    /// <summary>True when <paramref name="token"/> is one of <see cref="Words"/> (exact, ordinal).</summary>
    public static bool Contains(string token) => Set.Contains(token);

    private static readonly HashSet<string> Set = Words.ToHashSet(StringComparer.Ordinal);
}
