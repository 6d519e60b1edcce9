// The site's only script, a few KB of progressive enhancement; every form works without it.
// - forms marked data-enhance are sent with fetch; the server answers JSON ({score}, {redirect}
//   or {message}) and a rule's message appears next to the control, without a page load.
// - the ask page's title field fetches "you may be asking" suggestions as one types.
// - a Preview button renders markdown through the server's sanitiser.
// - the header's bell counts new notifications live, over the API's graphql-ws subscription
//   (graphql-transport-ws protocol, authenticated with /inbox/live-token; reconnects later).
// - a data-copy button copies the value of the field it names (the referral desk's links).
// - a composer's Markdown toolbar (render/composer.ts) appears and wraps the selection; its image
//   button uploads to the board and inserts the image's Markdown at the caret.
export const SITE_JS = `(function(){
'use strict';
var csrf=function(f){var i=f.querySelector('input[name=_csrf]');return i?i.value:'';};
function send(url,form,extra){
  var body=new URLSearchParams(new FormData(form));
  if(extra)Object.keys(extra).forEach(function(k){body.set(k,extra[k]);});
  return fetch(url,{method:'POST',body:body,credentials:'same-origin',headers:{'x-requested-with':'fetch','x-csrf-token':csrf(form)}})
    .then(function(r){return r.json();});
}
function say(form,text){
  var out=form.querySelector('[data-rule]')||(form.parentNode&&form.parentNode.querySelector('[data-rule]'));
  if(!out){out=document.createElement('p');out.className='rule';out.setAttribute('data-rule','');out.setAttribute('role','status');form.appendChild(out);}
  out.textContent=text||'';
}
document.addEventListener('click',function(e){
  var b=e.target.closest&&e.target.closest('[data-copy]');
  if(!b)return;
  var f=document.getElementById(b.getAttribute('data-copy'));
  if(f&&navigator.clipboard){navigator.clipboard.writeText(f.value).then(function(){b.setAttribute('data-copied','');if(b.hasAttribute('data-done'))b.textContent=b.getAttribute('data-done');});}
  else if(f){f.select();}
});
document.addEventListener('submit',function(e){
  var form=e.target;
  if(!form.hasAttribute('data-enhance'))return;
  var btn=e.submitter;
  e.preventDefault();
  var extra={};if(btn&&btn.name)extra[btn.name]=btn.value;
  if(btn)btn.disabled=true;
  send(form.action,form,extra).then(function(res){
    if(btn)btn.disabled=false;
    if(res.redirect){location.assign(res.redirect);return;}
    if(res.message){say(form,res.message);return;}
    say(form,'');
    if(typeof res.score==='number'){
      var box=form.closest('.votes');
      if(box){box.querySelector('.score').textContent=res.score;
        box.querySelectorAll('button[data-dir]').forEach(function(b){var d=b.getAttribute('data-dir'),on=d===res.vote;b.setAttribute('aria-pressed',String(on));b.value=on?'NONE':d;});}
    }
  },function(){if(btn)btn.disabled=false;form.submit();});
});
// Enough of a draft to search by: a Chinese or Japanese character says about as much as two
// Latin letters, so 漫游怎么收费？ (7 characters) is enough, and "roaming" alone is not.
function weight(text){var n=0;for(var i=0;i<text.length;i++)n+=/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(text[i])?2:1;return n;}
var title=document.getElementById('ask-title');
var list=document.getElementById('suggestions');
if(title&&list){
  var timer,last='';
  title.addEventListener('input',function(){
    clearTimeout(timer);
    timer=setTimeout(function(){
      var q=title.value.trim();if(weight(q)<8||q===last)return;last=q;
      fetch(list.getAttribute('data-url')+'&title='+encodeURIComponent(q),{credentials:'same-origin',headers:{'x-requested-with':'fetch'}})
        .then(function(r){return r.text();}).then(function(h){list.innerHTML=h;});
    },300);
  });
}
var bell=document.querySelector('[data-bell]');
function bump(){
  var c=bell.querySelector('[data-unread]'),n=(parseInt(c.textContent,10)||0)+1,label=bell.getAttribute('data-some').replace('{count}',n);
  c.textContent=n;c.hidden=false;bell.setAttribute('aria-label',label);bell.title=label;
}
function live(){
  fetch('/inbox/live-token',{credentials:'same-origin',headers:{'x-requested-with':'fetch'}})
    .then(function(r){return r.ok?r.json():null;}).then(function(res){
      if(!res)return;
      var ws=new WebSocket((location.protocol==='https:'?'wss://':'ws://')+location.host+'/graphql','graphql-transport-ws');
      ws.onopen=function(){ws.send(JSON.stringify({type:'connection_init',payload:{authorization:'Bearer '+res.token}}));};
      ws.onmessage=function(e){
        var m=JSON.parse(e.data);
        if(m.type==='connection_ack')ws.send(JSON.stringify({id:'bell',type:'subscribe',payload:{query:'subscription{notificationAdded{id}}'}}));
        else if(m.type==='next')bump();
        else if(m.type==='ping')ws.send(JSON.stringify({type:'pong'}));
      };
      ws.onclose=function(){setTimeout(live,30000);};
    },function(){});
}
if(bell&&window.WebSocket)live();
document.addEventListener('click',function(e){
  var b=e.target.closest&&e.target.closest('button[data-preview]');
  if(!b)return;
  e.preventDefault();
  var form=b.form,out=document.getElementById(b.getAttribute('data-preview'));
  send('/preview',form).then(function(res){out.innerHTML=res.html||'';out.hidden=false;});
});
function insert(ta,text,s,e,selS,selE){
  ta.focus();ta.setSelectionRange(s,e);
  // insertText keeps the browser's undo history; setRangeText where it is missing.
  if(!document.execCommand||!document.execCommand('insertText',false,text))ta.setRangeText(text,s,e,'end');
  if(selS!==undefined)ta.setSelectionRange(selS,selE);
}
function format(ta,kind){
  var s=ta.selectionStart,e=ta.selectionEnd,v=ta.value,sel=v.slice(s,e),tick=String.fromCharCode(96);
  if(kind==='bold'||kind==='italic'||(kind==='code'&&sel.indexOf('\\n')<0)){
    var m=kind==='bold'?'**':kind==='italic'?'_':tick;
    insert(ta,m+sel+m,s,e,s+m.length,s+m.length+sel.length);return;
  }
  if(kind==='code'){var f=tick+tick+tick;insert(ta,'\\n'+f+'\\n'+sel+'\\n'+f+'\\n',s,e);return;}
  if(kind==='link'){var url='https://',at=s+sel.length+3;insert(ta,'['+sel+']('+url+')',s,e,at,at+url.length);return;}
  var start=v.lastIndexOf('\\n',s-1)+1,p=kind==='list'?'- ':'> ';
  var out=v.slice(start,e).split('\\n').map(function(l){return p+l;}).join('\\n');
  insert(ta,out,start,e,start,start+out.length);
}
document.querySelectorAll('[data-needs-script]').forEach(function(el){el.hidden=false;});
document.querySelectorAll('[data-toolbar]').forEach(function(bar){
  var ta=document.getElementById(bar.getAttribute('data-toolbar'));if(!ta)return;
  var tools=[].slice.call(bar.querySelectorAll('button.tool')),file=bar.querySelector('[data-image-file]');
  var box=bar.parentNode,status=box.querySelector('[data-composer-status]'),link=box.querySelector('[data-upload-link]');
  bar.hidden=false;if(link)link.hidden=true;tools[0].tabIndex=0;
  bar.addEventListener('keydown',function(e){
    var i=tools.indexOf(document.activeElement);if(i<0)return;
    var j={ArrowRight:i+1,ArrowLeft:i-1,Home:0,End:tools.length-1}[e.key];if(j===undefined)return;
    e.preventDefault();j=(j+tools.length)%tools.length;tools[i].tabIndex=-1;tools[j].tabIndex=0;tools[j].focus();
  });
  bar.addEventListener('click',function(e){
    var b=e.target.closest('button.tool');if(!b)return;
    if(b.getAttribute('data-md')==='image')file.click();else format(ta,b.getAttribute('data-md'));
  });
  ta.addEventListener('keydown',function(e){
    var k=(e.ctrlKey||e.metaKey)&&!e.altKey&&e.key.toLowerCase();
    if(k==='b'||k==='i'){e.preventDefault();format(ta,k==='b'?'bold':'italic');}
  });
  file.addEventListener('change',function(){
    var f=file.files[0];if(!f)return;
    var data=new FormData();data.append('image',f);
    status.textContent=status.getAttribute('data-uploading');
    fetch(bar.querySelector('[data-upload]').getAttribute('data-upload'),{method:'POST',body:data,credentials:'same-origin',headers:{'x-requested-with':'fetch','x-csrf-token':csrf(ta.form)}})
      .then(function(r){return r.json();})
      .then(function(res){
        if(!res.markdown){status.textContent=res.message||status.getAttribute('data-failed');return;}
        var at=ta.selectionStart,before=ta.value.slice(0,at);
        insert(ta,(before&&!/\\n$/.test(before)?'\\n\\n':'')+res.markdown+'\\n',at,ta.selectionEnd);status.textContent=status.getAttribute('data-uploaded');
      },function(){status.textContent=status.getAttribute('data-failed');})
      .then(function(){file.value='';});
  });
});
})();`;
