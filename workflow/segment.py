"""Chinese word segmentation: text → search tokens.

Pure apart from the segmenter's own built-in dictionary: the caller passes the domain's terms
(duty items' keywords and titles, topic names, unit names), so a word such as 占道经营 or 专项维修
资金 stays one token instead of being cut into characters that match everything. Search mode also
emits the shorter dictionary words inside a long one, so "生活垃圾清运监管" still meets "垃圾清运".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import rjieba

# Words that occur in nearly every citizen request and say nothing about whose job it is.
STOPWORDS = frozenset(
    "我 我们 你们 他们 她们 它们 的 了 在 是 有 和 与 及 或 也 都 就 还 又 很 太 "
    "被 把 让 给 对 从 到 "
    "这 那 这个 那个 这些 那些 这里 那里 一个 一些 什么 怎么 为什么 如何 是否 能否 可以 能 会 要 "
    "没有 不 没 已经 一直 经常 总是 现在 目前 今天 昨天 每天 最近 多次 几次 非常 特别 严重 "
    "希望 请 麻烦 尽快 帮助 帮忙 解决 处理 反映 问题 情况 相关 部门 有关 市民 本人 家里 附近 "
    "您好 你好 谢谢 感谢 一下 看看 联系 电话 号码 时间 但是 因为 所以 如果 而且 并且 然后 "
    "上 下 里 中 前 后 时 等 个 次 天 年 月 日 号 点 去 来 说 做 想 看 问 找".split()
)

_WORD = re.compile(r"[\w]", re.UNICODE)


class Segmenter:
    """A segmenter with the platform's own vocabulary added. Build one per dictionary."""

    def __init__(self, terms: Iterable[str] = ()) -> None:
        self._jieba = rjieba.Jieba()
        self._terms: set[str] = set()
        for term in terms:
            word = term.strip()
            if word and word not in self._terms:
                self._terms.add(word)
                self._jieba.add_word(word, None, None)

    def tokens(self, text: str) -> list[str]:
        """Search tokens of `text`, in order, repeats kept (term frequency counts).

        Single characters are dropped unless they are a domain term (狗, 井): alone they
        match too much."""
        out: list[str] = []
        for token in self._jieba.cut_for_search(text.lower()):
            token = token.strip()
            if not token or token in STOPWORDS or not _WORD.search(token):
                continue
            if len(token) == 1 and token not in self._terms:
                continue
            out.append(token)
        return out
