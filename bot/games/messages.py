"""Chat text for the games in the channel's language, each fitting one Twitch message."""

import logging
from collections.abc import Iterable

from bot.i18n import clip, render

logger = logging.getLogger(__name__)

MESSAGE_LIMIT = 500

TEMPLATES = {
    "zh-Hant": {
        "item_sep": "｜",
        "name_sep": "、",
        "seconds": "{count} 秒",
        "minutes": "{count} 分鐘",
        "quiz_question_choice": "【{title}】第 {number}/{total} 題：{prompt} {options}"
        "（{limit}內輸入字母作答）",
        "quiz_question_free": "【{title}】第 {number}/{total} 題：{prompt}（{limit}內直接輸入答案）",
        "quiz_result_winner": "答案：{answer}！最快答對 @{login}（+{points}），共 {right} 人答對。",
        "quiz_result_nobody": "答案：{answer}，這題沒有人答對～",
        "quiz_end_finished": "問答結束！",
        "quiz_end_idle": "好一陣子沒人作答，問答先到這裡。",
        "quiz_end_stopped": "問答已停止。",
        "quiz_leaders": "{lead}排行榜：{ranking}",
        "quiz_no_leaders": "{lead}這次沒有人得分，下次再來！",
        "quiz_rank": "{rank}. @{login} {score} 分",
        "vote_open": "投票：{question} {options}（輸入號碼或選項投票，截止前可改票）",
        "vote_open_timed": "投票：{question} {options}（輸入號碼或選項投票，{limit}後截止）",
        "vote_tally": "{number}) {option} {count} 票 {percent}%",
        "vote_result": "投票結果：{question} {tally}｜勝出：{winners}",
        "vote_result_tie": "投票結果：{question} {tally}｜平手：{winners}",
        "vote_result_empty": "投票結束：{question} 沒有人投票。",
        "vote_no_question": "投票需要一個問題。",
        "vote_option_count": "投票需要 {low} 到 {high} 個選項。",
        "vote_blank_option": "選項不能是空白的。",
        "vote_same_options": "選項「{first}」和「{second}」看起來一樣。",
        "vote_question_long": "問題最多 {limit} 個字，請縮短一點。",
        "vote_option_long": "選項「{option}」太長了，每個選項最多 {limit} 個字。",
        "vote_too_long": "問題和選項加起來太長，一則訊息放不下，請縮短一點。",
        "draw_open": "抽獎開始：{title}！輸入 {join} 參加，每人一次。",
        "draw_open_untitled": "抽獎開始！輸入 {join} 參加，每人一次。",
        "draw_closed": "抽獎報名截止，共 {count} 人參加！",
        "draw_winners": "抽獎 #{draw_id} 得主：{winners}，恭喜！（{count} 人參加，種子 {seed}）",
        "draw_nobody": "抽獎 #{draw_id} 沒有人可以抽，下次見～",
        "game_quiz": "問答",
        "game_vote": "投票",
        "game_draw": "抽獎",
        "state_on": "開",
        "state_off": "關",
        "games_on": "已開啟：{games}。",
        "games_off": "已關閉：{games}。",
        "games_status": "遊戲開關：{states}",
        "game_state": "{game} {state}",
        "game_unknown": "沒有「{name}」這個遊戲，可用：{names}。",
        "games_restarted": "機器人剛剛重新啟動，進行中的{games}已經結束，請管理員重新開始 🙏",
        "answer_usage": "用法：!answer 你的答案（每題只算第一個答案）",
    },
    "zh-Hans": {
        "item_sep": "｜",
        "name_sep": "、",
        "seconds": "{count} 秒",
        "minutes": "{count} 分钟",
        "quiz_question_choice": "【{title}】第 {number}/{total} 题：{prompt} {options}"
        "（{limit}内输入字母作答）",
        "quiz_question_free": "【{title}】第 {number}/{total} 题：{prompt}（{limit}内直接输入答案）",
        "quiz_result_winner": "答案：{answer}！最快答对 @{login}（+{points}），共 {right} 人答对。",
        "quiz_result_nobody": "答案：{answer}，这题没有人答对～",
        "quiz_end_finished": "问答结束！",
        "quiz_end_idle": "好一阵子没人作答，问答先到这里。",
        "quiz_end_stopped": "问答已停止。",
        "quiz_leaders": "{lead}排行榜：{ranking}",
        "quiz_no_leaders": "{lead}这次没有人得分，下次再来！",
        "quiz_rank": "{rank}. @{login} {score} 分",
        "vote_open": "投票：{question} {options}（输入号码或选项投票，截止前可改票）",
        "vote_open_timed": "投票：{question} {options}（输入号码或选项投票，{limit}后截止）",
        "vote_tally": "{number}) {option} {count} 票 {percent}%",
        "vote_result": "投票结果：{question} {tally}｜胜出：{winners}",
        "vote_result_tie": "投票结果：{question} {tally}｜平手：{winners}",
        "vote_result_empty": "投票结束：{question} 没有人投票。",
        "vote_no_question": "投票需要一个问题。",
        "vote_option_count": "投票需要 {low} 到 {high} 个选项。",
        "vote_blank_option": "选项不能是空白的。",
        "vote_same_options": "选项「{first}」和「{second}」看起来一样。",
        "vote_question_long": "问题最多 {limit} 个字，请缩短一点。",
        "vote_option_long": "选项「{option}」太长了，每个选项最多 {limit} 个字。",
        "vote_too_long": "问题和选项加起来太长，一条消息放不下，请缩短一点。",
        "draw_open": "抽奖开始：{title}！输入 {join} 参加，每人一次。",
        "draw_open_untitled": "抽奖开始！输入 {join} 参加，每人一次。",
        "draw_closed": "抽奖报名截止，共 {count} 人参加！",
        "draw_winners": "抽奖 #{draw_id} 得主：{winners}，恭喜！（{count} 人参加，种子 {seed}）",
        "draw_nobody": "抽奖 #{draw_id} 没有人可以抽，下次见～",
        "game_quiz": "问答",
        "game_vote": "投票",
        "game_draw": "抽奖",
        "state_on": "开",
        "state_off": "关",
        "games_on": "已开启：{games}。",
        "games_off": "已关闭：{games}。",
        "games_status": "游戏开关：{states}",
        "game_state": "{game} {state}",
        "game_unknown": "没有「{name}」这个游戏，可用：{names}。",
        "games_restarted": "机器人刚刚重新启动，进行中的{games}已经结束，请房管重新开始 🙏",
        "answer_usage": "用法：!answer 你的答案（每题只算第一个答案）",
    },
    "en": {
        "item_sep": " | ",
        "name_sep": ", ",
        "seconds": "{count} s",
        "minutes": "{count} min",
        "quiz_question_choice": "[{title}] Q{number}/{total}: {prompt} {options}"
        " (type a letter within {limit})",
        "quiz_question_free": "[{title}] Q{number}/{total}: {prompt} (type your answer within"
        " {limit})",
        "quiz_result_winner": "Answer: {answer}! First right: @{login} (+{points}),"
        " {right} got it right.",
        "quiz_result_nobody": "Answer: {answer}. Nobody got this one!",
        "quiz_end_finished": "Quiz over!",
        "quiz_end_idle": "No answers for a while, so the quiz ends here.",
        "quiz_end_stopped": "The quiz has been stopped.",
        "quiz_leaders": "{lead} Leaderboard: {ranking}",
        "quiz_no_leaders": "{lead} Nobody scored this time, see you next round!",
        "quiz_rank": "{rank}. @{login} {score}",
        "vote_open": "Vote: {question} {options} (type a number or an option, you can change"
        " your vote until it closes)",
        "vote_open_timed": "Vote: {question} {options} (type a number or an option, closes in"
        " {limit})",
        "vote_tally": "{number}) {option} {count} ({percent}%)",
        "vote_result": "Vote result: {question} {tally} | Winner: {winners}",
        "vote_result_tie": "Vote result: {question} {tally} | Tie: {winners}",
        "vote_result_empty": "Vote closed: {question} Nobody voted.",
        "vote_no_question": "A vote needs a question.",
        "vote_option_count": "A vote needs {low} to {high} options.",
        "vote_blank_option": "Options cannot be blank.",
        "vote_same_options": "Options '{first}' and '{second}' read the same.",
        "vote_question_long": "A question can be at most {limit} characters; please shorten it.",
        "vote_option_long": "Option '{option}' is too long: at most {limit} characters each.",
        "vote_too_long": "The question and options do not fit in one message; please shorten"
        " them.",
        "draw_open": "Lucky draw: {title}! Type {join} to enter, once per viewer.",
        "draw_open_untitled": "Lucky draw! Type {join} to enter, once per viewer.",
        "draw_closed": "Entries closed: {count} viewers are in the draw!",
        "draw_winners": "Draw #{draw_id} winners: {winners}, congratulations! ({count} entries,"
        " seed {seed})",
        "draw_nobody": "Draw #{draw_id} has nobody left to pick, see you next time!",
        "game_quiz": "quiz",
        "game_vote": "vote",
        "game_draw": "draw",
        "state_on": "on",
        "state_off": "off",
        "games_on": "Switched on: {games}.",
        "games_off": "Switched off: {games}.",
        "games_status": "Games: {states}",
        "game_state": "{game} {state}",
        "game_unknown": "There is no game called '{name}'. Try: {names}.",
        "games_restarted": "The bot just restarted, so the running {games} ended; a mod can"
        " start again 🙏",
        "answer_usage": "Usage: !answer YOUR ANSWER (only your first answer to each question"
        " counts)",
    },
}


def chat(key: str, lang: str | None, **values: object) -> str:
    """One chat message from the templates above, clipped to Twitch's limit."""
    return clip(render(TEMPLATES, key, lang, **values), MESSAGE_LIMIT)


def word(key: str, lang: str | None, **values: object) -> str:
    """A piece of a message, not clipped on its own."""
    return render(TEMPLATES, key, lang, **values)


def join_items(items: Iterable[str], lang: str | None) -> str:
    return word("item_sep", lang).join(items)


def join_names(items: Iterable[str], lang: str | None) -> str:
    return word("name_sep", lang).join(items)


def duration(seconds: float, lang: str | None) -> str:
    """`90 秒`, `2 分鐘`: whole minutes when the time is a round number of minutes."""
    whole = round(seconds)
    if whole >= 60 and whole % 60 == 0:
        return word("minutes", lang, count=whole // 60)
    return word("seconds", lang, count=whole)


def mentions(logins: Iterable[str], lang: str | None) -> str:
    return join_names((f"@{login}" for login in logins), lang)
