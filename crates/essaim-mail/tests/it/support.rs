//! A stand-in for the application behind both transports (it records what
//! it is given), a listener started on a free port, and a raw SMTP client
//! for the exchanges no ordinary client would send.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use essaim_mail::inbound::{
    local_address, DeliveryError, Envelope, LocalAddress, MailSink, SinkFuture,
};
use essaim_mail::listener::{serve, ListenerConfig};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

pub const DOMAIN: &str = "essaim.test";

/// Takes mail for the `jardins` group (and its tags) and for bounces;
/// `panne@` cannot be checked right now; mail whose subject says
/// "refuse" or "plus tard" is refused for good or for now.
#[derive(Default)]
pub struct Recorder {
    pub delivered: Mutex<Vec<(Envelope, Vec<u8>)>>,
}

impl Recorder {
    pub fn delivered(&self) -> Vec<(Envelope, Vec<u8>)> {
        self.delivered.lock().unwrap().clone()
    }
}

impl MailSink for Recorder {
    fn accepts<'a>(&'a self, address: &'a str) -> SinkFuture<'a, Result<bool, DeliveryError>> {
        Box::pin(async move {
            if address.starts_with("panne@") {
                return Err(DeliveryError::Temporary("database unreachable".into()));
            }
            if address.starts_with("interdit@") {
                return Err(DeliveryError::Rejected("this address takes no mail".into()));
            }
            Ok(match local_address(address, DOMAIN) {
                Some(LocalAddress::Group { slug, .. }) => slug == "jardins",
                Some(LocalAddress::Bounce { .. }) => true,
                None => false,
            })
        })
    }

    fn deliver<'a>(
        &'a self,
        envelope: &'a Envelope,
        raw: &'a [u8],
    ) -> SinkFuture<'a, Result<(), DeliveryError>> {
        Box::pin(async move {
            let text = String::from_utf8_lossy(raw);
            if text.contains("Subject: refuse") {
                return Err(DeliveryError::Rejected("closed topic".into()));
            }
            if text.contains("Subject: plus tard") {
                return Err(DeliveryError::Temporary("database down".into()));
            }
            if text.contains("Subject: parti") {
                return Err(DeliveryError::UnknownRecipient(
                    "jardins@essaim.test".into(),
                ));
            }
            self.delivered
                .lock()
                .unwrap()
                .push((envelope.clone(), raw.to_vec()));
            Ok(())
        })
    }
}

/// A listener running on a free local port.
pub struct Server {
    pub addr: SocketAddr,
    pub sink: Arc<Recorder>,
    pub shutdown: Arc<Notify>,
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
}

pub async fn start(config: ListenerConfig) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let sink = Arc::new(Recorder::default());
    let shutdown = Arc::new(Notify::new());
    let task = tokio::spawn(serve(
        listener,
        config,
        sink.clone() as Arc<dyn MailSink>,
        shutdown.clone(),
    ));
    Server {
        addr,
        sink,
        shutdown,
        task,
    }
}

pub fn config() -> ListenerConfig {
    ListenerConfig {
        hostname: "mx.essaim.test".into(),
        ..ListenerConfig::default()
    }
}

/// Speaks SMTP by hand.
pub struct Client {
    stream: BufReader<TcpStream>,
}

impl Client {
    pub async fn connect(addr: SocketAddr) -> (Client, String) {
        let stream = TcpStream::connect(addr).await.unwrap();
        let mut client = Client {
            stream: BufReader::new(stream),
        };
        let greeting = client.reply().await;
        (client, greeting)
    }

    pub async fn send(&mut self, text: &str) {
        self.stream
            .get_mut()
            .write_all(text.as_bytes())
            .await
            .unwrap();
    }

    /// One whole reply (all its lines), or "" once the server closed.
    pub async fn reply(&mut self) -> String {
        let mut all = String::new();
        loop {
            let mut line = String::new();
            if self.stream.read_line(&mut line).await.unwrap_or(0) == 0 {
                return all;
            }
            all.push_str(&line);
            if line.len() < 4 || line.as_bytes()[3] != b'-' {
                return all;
            }
        }
    }

    /// Sends one command and returns its reply.
    pub async fn ask(&mut self, command: &str) -> String {
        self.send(&format!("{command}\r\n")).await;
        self.reply().await
    }
}
