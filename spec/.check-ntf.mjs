import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { bundle, loadConfig } from '@redocly/openapi-core';
import fs from 'node:fs';
import YAML from 'yaml';
const root = process.argv[2];
const config = await loadConfig({ configPath: 'redocly.yaml' });
const r = await bundle({ ref: root, config, dereference: true });
const doc = r.bundle.parsed;
const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false, validateFormats: true });
addFormats(ajv); ajv.addFormat('binary', true);
function looksLikeSchema(node){return ['type','enum','const','properties','items','allOf','oneOf','anyOf','format','$ref'].some(k=>k in node);}
function* ex(node, where='#', seen=new Set()){
  if(!node||typeof node!=='object'||seen.has(node))return; seen.add(node);
  if(node.schema&&typeof node.schema==='object'){
    if('example' in node) yield [where+'/example',node.schema,node.example];
    if(node.examples&&!Array.isArray(node.examples)) for(const [n,e] of Object.entries(node.examples)) if(e&&'value' in e) yield [where+'/examples/'+n,node.schema,e.value];
  }
  if(Array.isArray(node.examples)&&looksLikeSchema(node)){const {examples,...s}=node; for(const [i,v] of examples.entries()) yield [where+'/examples/'+i,s,v];}
  for(const [k,c] of Object.entries(node)) yield* ex(c, where+'/'+k, seen);
}
let n=0, bad=0;
for (const [w,s,v] of ex(doc)) { n++; let f; try{f=ajv.compile(s);}catch(e){console.log(w,'COMPILE',e.message);bad++;continue;} if(!f(v)){bad++;console.log(w, ajv.errorsText(f.errors));} }
// also every schema file I own, standalone examples
console.log('checked', n, 'bad', bad);
// operations checks
const ops=[];for(const [p,item] of Object.entries(doc.paths))for(const m of ['get','post','patch','delete','put'])if(item[m])ops.push([m,p,item[m]]);
const codes=new Set(YAML.parse(fs.readFileSync('schemas/error-code.yaml','utf8')).enum);
for(const [m,p,o] of ops){
  for(const [st,resp] of Object.entries(o.responses)){
    for(const h of ['Request-Id','RateLimit-Limit','RateLimit-Remaining','RateLimit-Reset']) if(!resp.headers?.[h]) console.log(m,p,st,'missing',h);
    if(st==='429'&&!resp.headers?.['Retry-After'])console.log(m,p,'429 retry-after');
    const c=resp.content?.['application/problem+json']; if(c){const cs=[...(c.schema.properties?.code?.enum??[]),...(c.schema.allOf??[]).flatMap(a=>a.properties?.code?.enum??[])]; if(!cs.length)console.log(m,p,st,'no codes'); for(const x of cs) if(!codes.has(x))console.log(m,p,st,'unknown code',x);}
    for(const [mt,media] of Object.entries(resp.content??{})) if(!('example' in media)&&!media.examples&&media.schema?.format!=='binary')console.log(m,p,st,mt,'no example');
  }
  for(const [mt,media] of Object.entries(o.requestBody?.content??{})) if(!('example' in media)&&!media.examples)console.log(m,p,'request no example');
  if(m==='post'&&!(o.parameters??[]).some(x=>x.name==='Idempotency-Key'))console.log(m,p,'no idem');
  const s=o.responses['200']?.content?.['application/json']?.schema; if(m==='get'&&s?.properties?.data?.type==='array'){const ps=new Set((o.parameters??[]).map(x=>x.name)); if(!ps.has('limit')||!ps.has('starting_after'))console.log(m,p,'list without pagination');}
  if(!o.responses['401'])console.log(m,p,'no 401');
}
console.log('ops', ops.length, ops.map(o=>o[2].operationId).join(' '));
