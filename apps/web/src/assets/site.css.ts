// The site's only stylesheet: mobile first (one column; wider screens add a sidebar), system
// fonts (nothing to download, no layout shift), colours at WCAG AA contrast or better, visible
// focus rings. Served compressed and immutable from /assets/site.<hash>.css.
export const SITE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Microsoft YaHei",sans-serif;color:#1b1f24;background:#f6f7f9}
a{color:#0a58ca}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}
img,svg{max-width:100%;height:auto}
pre{overflow:auto;background:#f0f2f4;padding:.75rem;border-radius:4px}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}
blockquote{margin:0;padding-left:1rem;border-left:4px solid #d0d7de;color:#474f57}
h1{font-size:1.5rem;line-height:1.25;margin:.25rem 0 .75rem}
h2{font-size:1.2rem;margin:1.25rem 0 .5rem}
h3{font-size:1rem;margin:1rem 0 .25rem}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem;z-index:9}
.skip:focus{left:.5rem}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
header.site{background:#13294b;color:#fff}
header.site .bar{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;max-width:72rem;margin:0 auto;padding:.5rem .75rem}
header.site a{color:#fff}
header.site .brand{font-weight:700;font-size:1.1rem;text-decoration:none;margin-right:auto}
header.site nav ul{display:flex;flex-wrap:wrap;gap:.25rem .75rem;list-style:none;margin:0;padding:0;align-items:center}
header.site form.search{flex:1 1 100%;display:flex;gap:.25rem}
header.site form.search input{flex:1;min-width:0}
.linkish{background:none;border:0;color:inherit;text-decoration:underline;font:inherit;cursor:pointer;padding:0}
main{max-width:72rem;margin:0 auto;padding:.75rem}
footer.site{max-width:72rem;margin:2rem auto 1rem;padding:0 .75rem;color:#474f57;font-size:.875rem}
.card{background:#fff;border:1px solid #d8dee4;border-radius:6px;padding:.75rem;margin:0 0 .75rem}
.muted{color:#57606a}
.small{font-size:.875rem}
.row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.spread{justify-content:space-between}
ul.plain{list-style:none;margin:0;padding:0}
ul.plain>li{padding:.5rem 0;border-bottom:1px solid #eaeef2}
ul.plain>li:last-child{border-bottom:0}
label{display:block;font-weight:600;margin:.5rem 0 .25rem}
input[type=text],input[type=email],input[type=password],input[type=search],input:not([type]),textarea,select{width:100%;font:inherit;padding:.5rem;border:1px solid #8c959f;border-radius:4px;background:#fff;color:inherit}
textarea{min-height:10rem;resize:vertical}
.hint{font-size:.875rem;color:#57606a;margin:.15rem 0}
.field-error,.rule{color:#b3261e;font-size:.875rem;margin:.25rem 0}
.notice{padding:.5rem .75rem;border-radius:4px;margin:0 0 .75rem;border:1px solid}
.notice.info{background:#eef4ff;border-color:#9ec1ff}
.notice.warn{background:#fff8e6;border-color:#e6b000}
.notice.error{background:#fdecea;border-color:#e0a19b;color:#8c1d18}
button,.button{display:inline-block;font:inherit;font-weight:600;padding:.45rem .9rem;border-radius:4px;border:1px solid #0a58ca;background:#0a58ca;color:#fff;cursor:pointer;text-decoration:none;min-height:44px}
button.secondary,.button.secondary{background:#fff;color:#0a58ca}
button[disabled]{opacity:.6;cursor:not-allowed}
.tag{display:inline-block;background:#e7eef9;color:#13294b;border-radius:3px;padding:0 .4rem;font-size:.8125rem;text-decoration:none;margin:0 .25rem .25rem 0}
.badge{display:inline-block;border-radius:3px;padding:0 .35rem;font-size:.75rem;font-weight:700;border:1px solid}
.badge.staff{background:#13294b;color:#fff;border-color:#13294b}
.badge.expert{background:#fff4d6;color:#6b4b00;border-color:#c99a00}
.badge.gold{color:#6b4b00;border-color:#c99a00}.badge.silver{color:#474f57;border-color:#8c959f}.badge.bronze{color:#7a3e12;border-color:#b86b35}
.label{display:inline-block;font-size:.8125rem;font-weight:700;padding:.1rem .5rem;border-radius:3px}
.label.accepted{background:#dafbe1;color:#116329}
.label.official{background:#ddf4ff;color:#0a3069}
.label.disclosure{background:#fff8c5;color:#4d2d00}
.label.closed{background:#ffebe9;color:#82071e}
.post{display:grid;grid-template-columns:2.75rem 1fr;gap:.5rem}
.post.accepted{border-color:#2da44e;border-width:2px}
.post.official{border-color:#218bff;border-width:2px}
.votes{display:flex;flex-direction:column;align-items:center;gap:.125rem}
.votes form{margin:0}
.votes button{min-height:44px;min-width:44px;padding:0;background:#fff;color:#1b1f24;border-color:#8c959f}
.votes button[aria-pressed=true]{background:#0a58ca;color:#fff}
.score{font-weight:700;font-size:1.1rem}
.body{overflow-wrap:anywhere;min-width:0}
.body img{height:auto}
.amounts{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.amounts label{display:inline-flex;gap:.25rem;align-items:center;min-height:44px}
details.share{font-size:.875rem;margin-top:.25rem}
details.share input{width:100%}
.composer-tools{margin:.25rem 0}
.toolbar{display:flex;flex-wrap:wrap;gap:.25rem;margin-bottom:.25rem}
.toolbar[hidden],.composer-tools [hidden]{display:none}
.toolbar .tool{min-width:44px;min-height:44px;padding:.25rem .5rem;background:#fff;color:#1b1f24;border:1px solid #8c959f;border-radius:4px;cursor:pointer}
.toolbar .tool:hover{background:#eef1f4}
img.uploaded{max-height:240px;border:1px solid #d0d7de}
.avatar{display:inline-block;vertical-align:middle;border-radius:50%;object-fit:cover;flex:none}
.avatar.small{width:24px;height:24px;font-size:.75rem;line-height:24px}
.avatar.medium{width:32px;height:32px;font-size:.9rem;line-height:32px}
.avatar.large{width:96px;height:96px;font-size:2.5rem;line-height:96px}
.avatar.fallback{text-align:center;color:#fff;font-weight:700}
.avatar.h0{background:#8a1c1c}.avatar.h1{background:#7a4a00}.avatar.h2{background:#55600f}.avatar.h3{background:#1d6b2c}
.avatar.h4{background:#0b6268}.avatar.h5{background:#1f4f99}.avatar.h6{background:#5b34a0}.avatar.h7{background:#8a1f63}
a.who,a.me{display:inline-flex;gap:.35rem;align-items:center}
h1.person{display:flex;gap:.75rem;align-items:center;flex-wrap:wrap}
.avatar-setting{display:flex;gap:1rem;align-items:flex-start;flex-wrap:wrap}
.author{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap;font-size:.875rem;margin-top:.5rem}
.comments{margin-top:.5rem;font-size:.9rem;border-top:1px solid #eaeef2}
.comments li{padding:.35rem 0;border-bottom:1px solid #eaeef2}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-start;margin-top:.5rem}
.actions form{margin:0}
.actions details[open]{flex:1 1 100%}
.bell{position:relative;display:inline-flex;align-items:center;min-height:44px;min-width:44px;justify-content:center;text-decoration:none}
.bell .count{position:absolute;top:2px;right:0;background:#b3261e;color:#fff;border-radius:999px;font-size:.75rem;font-weight:700;padding:0 .35rem;line-height:1.4}
.inbox li.unread{font-weight:600}
.inbox li .row{font-weight:400}
form.inline{display:inline}
ul.facts{list-style:none;padding:0;margin:0 0 .75rem;gap:.25rem 1rem}
.check{display:flex;gap:.5rem;align-items:center;min-height:44px}.check label{margin:0;font-weight:400}.check input{width:1.25rem;height:1.25rem}
details>summary{cursor:pointer;color:#0a58ca;min-height:44px;display:flex;align-items:center}
.threads li{display:grid;grid-template-columns:4.5rem minmax(0,1fr);gap:.5rem}
.threads li>div:last-child,.tag-list li,ul.plain>li{overflow-wrap:anywhere}
.stats{font-size:.8125rem;color:#57606a;text-align:right}
.stats .answered{color:#116329;font-weight:700}
.pill-nav{display:flex;flex-wrap:wrap;gap:.25rem;list-style:none;padding:0;margin:.5rem 0}
.pill-nav a{display:inline-block;padding:.35rem .7rem;border:1px solid #d0d7de;border-radius:999px;text-decoration:none;background:#fff}
.pill-nav a[aria-current=page]{background:#13294b;color:#fff;border-color:#13294b}
mark{background:#fff3a3;color:inherit}
.suggestions:empty{display:none}
.chart{display:block;width:100%;max-width:28rem}
.preview{border:1px dashed #8c959f;padding:.5rem;border-radius:4px;background:#fff}

.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem;border-bottom:1px solid #eaeef2}
.scroll{overflow-x:auto}caption.vh{position:absolute}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:.75rem}.big{display:block;font-size:1.75rem;font-weight:700}
@media (min-width:48rem){
 header.site form.search{flex:0 1 20rem}
 .layout{display:grid;grid-template-columns:1fr 18rem;gap:1rem}
 h1{font-size:1.75rem}
}
@media (prefers-reduced-motion:reduce){*{transition:none!important}}
`;
