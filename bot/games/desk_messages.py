"""The game desk's own replies to moderators, beside the room's DESK_MESSAGES."""

from bot.i18n import clip, render

MESSAGE_LIMIT = 500

DESK_REPLIES = {
    "zh-Hant": {
        "show_over": "節目已經結束，不能再開始{game}了",
        "quiz_broken": "題庫「{bank}」有錯誤，暫時不能用（細節在記錄裡），可用：{banks}",
        "vote_duration": "投票時間要在 {low} 到 {high} 秒之間（!vote open 60 問題 | 選項 | 選項）",
    },
    "zh-Hans": {
        "show_over": "直播已经结束，不能再开始{game}了",
        "quiz_broken": "题库「{bank}」有错误，暂时不能用（细节在日志里），可用：{banks}",
        "vote_duration": "投票时间要在 {low} 到 {high} 秒之间（!vote open 60 问题 | 选项 | 选项）",
    },
    "en": {
        "show_over": "The show has ended, so no new {game} can start",
        "quiz_broken": "Quiz bank '{bank}' has an error and cannot be used (see the log);"
        " available: {banks}",
        "vote_duration": "A vote lasts {low} to {high} seconds (!vote open 60 QUESTION | A | B)",
    },
}


def reply(key: str, lang: str | None, **values: object) -> str:
    """One reply to a moderator, clipped to Twitch's limit."""
    return clip(render(DESK_REPLIES, key, lang, **values), MESSAGE_LIMIT)
