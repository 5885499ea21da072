//! A small tree for html5ever to build: nodes in one vector, addressed by
//! index. Only what the Markdown converter reads is kept (elements with
//! their attributes, text); comments and the like become empty nodes.

use std::borrow::Cow;
use std::cell::{Ref, RefCell};

use html5ever::interface::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{Attribute, LocalName, Namespace, QualName};

/// What a node is.
#[derive(Debug)]
pub enum Kind {
    /// The document itself (index 0).
    Document,
    /// An element; its name is [`Node::name`].
    Element(Vec<Attribute>),
    /// A run of text.
    Text(String),
    /// A comment, doctype or processing instruction: never shown.
    Other,
}

/// One node of the tree.
#[derive(Debug)]
pub struct Node {
    /// The element's name (empty for other nodes).
    pub name: QualName,
    /// What the node is.
    pub kind: Kind,
    /// Its parent's index.
    pub parent: Option<usize>,
    /// Its children's indexes, in order.
    pub children: Vec<usize>,
}

/// A parsed HTML document.
#[derive(Debug, Default)]
pub struct Dom {
    nodes: RefCell<Vec<Node>>,
}

fn no_name() -> QualName {
    QualName::new(None, Namespace::from(""), LocalName::from(""))
}

impl Dom {
    /// Parses a document or fragment the way a browser does.
    pub fn parse(html: &str) -> Vec<Node> {
        let dom = Dom::default();
        dom.nodes.borrow_mut().push(Node {
            name: no_name(),
            kind: Kind::Document,
            parent: None,
            children: Vec::new(),
        });
        html5ever::parse_document(dom, Default::default()).one(html)
    }

    fn add(&self, name: QualName, kind: Kind) -> usize {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node {
            name,
            kind,
            parent: None,
            children: Vec::new(),
        });
        nodes.len() - 1
    }

    fn detach(nodes: &mut [Node], child: usize) {
        if let Some(parent) = nodes[child].parent.take() {
            nodes[parent].children.retain(|c| *c != child);
        }
    }

    /// Inserts `child` into `parent` at `position` (the end when `None`),
    /// merging adjacent text as a browser does.
    fn insert(&self, parent: usize, position: Option<usize>, child: NodeOrText<usize>) {
        let mut nodes = self.nodes.borrow_mut();
        let at = position.unwrap_or(nodes[parent].children.len());
        match child {
            NodeOrText::AppendText(text) => {
                let before = at.checked_sub(1).map(|i| nodes[parent].children[i]);
                if let Some(prev) = before {
                    if let Kind::Text(existing) = &mut nodes[prev].kind {
                        existing.push_str(&text);
                        return;
                    }
                }
                nodes.push(Node {
                    name: no_name(),
                    kind: Kind::Text(text.to_string()),
                    parent: Some(parent),
                    children: Vec::new(),
                });
                let id = nodes.len() - 1;
                nodes[parent].children.insert(at, id);
            }
            NodeOrText::AppendNode(id) => {
                Self::detach(&mut nodes, id);
                let at = at.min(nodes[parent].children.len());
                nodes[id].parent = Some(parent);
                nodes[parent].children.insert(at, id);
            }
        }
    }
}

impl TreeSink for Dom {
    type Handle = usize;
    type Output = Vec<Node>;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Vec<Node> {
        self.nodes.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> usize {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a usize) -> Ref<'a, QualName> {
        Ref::map(self.nodes.borrow(), |nodes| &nodes[*target].name)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> usize {
        self.add(name, Kind::Element(attrs))
    }

    fn create_comment(&self, _text: StrTendril) -> usize {
        self.add(no_name(), Kind::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> usize {
        self.add(no_name(), Kind::Other)
    }

    fn append(&self, parent: &usize, child: NodeOrText<usize>) {
        self.insert(*parent, None, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &usize,
        prev_element: &usize,
        child: NodeOrText<usize>,
    ) {
        let has_parent = self.nodes.borrow()[*element].parent.is_some();
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &usize) -> usize {
        // Template contents are never shown: the element itself will do.
        *target
    }

    fn same_node(&self, x: &usize, y: &usize) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &usize, new_node: NodeOrText<usize>) {
        let (parent, position) = {
            let nodes = self.nodes.borrow();
            let Some(parent) = nodes[*sibling].parent else {
                return;
            };
            let position = nodes[parent].children.iter().position(|c| c == sibling);
            (parent, position)
        };
        self.insert(parent, position, new_node);
    }

    fn add_attrs_if_missing(&self, target: &usize, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let Kind::Element(existing) = &mut nodes[*target].kind {
            for attr in attrs {
                if !existing.iter().any(|a| a.name == attr.name) {
                    existing.push(attr);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &usize) {
        Self::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &usize, new_parent: &usize) {
        let mut nodes = self.nodes.borrow_mut();
        let children = std::mem::take(&mut nodes[*node].children);
        for child in &children {
            nodes[*child].parent = Some(*new_parent);
        }
        nodes[*new_parent].children.extend(children);
    }
}
